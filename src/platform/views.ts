/**
 * What the platform file says, as the CLI prints it and the API answers it: the services and
 * effective variables with secrets masked (an environment in detail: environment-detail.ts).
 * Pure: the caller loads the platform.
 */
import type { Environment, Operation, Platform, Service } from "../config/types.js";
import { effectiveVariables, MASK } from "./variables.js";

export const OPERATIONS = ["deploy", "ci", "terraform"] as const satisfies readonly Operation[];

export function serviceList(platform: Platform, stack?: string) {
  return Object.values(platform.services)
    .filter((s) => stack === undefined || s.stack === stack)
    .map((s) => ({
      name: s.name,
      stack: s.stack,
      port: s.port,
      healthPath: s.healthPath,
      repository: s.repository ?? null,
      image: s.image,
      strategy: s.strategy?.type ?? null,
      dependsOn: s.dependsOn,
    }));
}

/** The effective variables of an environment (and a service), secrets as the mask with their reference. */
export function variablesView(
  platform: Platform,
  env: Environment,
  service: Service | undefined,
  operation: Operation,
) {
  const list = effectiveVariables(platform, env, { service, operation });
  return {
    environment: env.name,
    service: service?.name ?? null,
    operation,
    variables: Object.fromEntries(
      list.map((v) => [
        v.name,
        v.secret
          ? { value: MASK, secret: true as const, reference: v.reference, source: v.source, overrides: v.overrides }
          : { value: v.value, secret: false as const, source: v.source, overrides: v.overrides },
      ]),
    ),
  };
}
