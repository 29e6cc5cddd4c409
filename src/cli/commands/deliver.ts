/**
 * deploy, rollback, restart and scale: each starts a run through POST /v1/runs. The server checks
 * names and parameters; here only what the command line itself got wrong is a usage error.
 */
import type { Json, RunKind, RunView } from "../../engine/types.js";
import { emergencyParam, nameList, serviceList, wholeNumber } from "../args.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";
import { followToEnd } from "./run.js";

export interface DeliverOptions extends ClientOptions {
  services: string;
  wait?: boolean;
}

/** --emergency --reason: override the deployment window (allowed groups only). */
export interface EmergencyOptions {
  emergency?: boolean;
  reason?: string;
}

export interface PromoteOptions extends DeliverOptions, EmergencyOptions {
  from: string;
  to: string;
  tag: string;
  skipTests?: boolean;
  canary?: boolean;
}

const text = (value: Json | undefined): string => (typeof value === "object" ? JSON.stringify(value) : String(value));

function describeRun(run: RunView): string {
  const { tag, revision, replicas, to, emergency } = run.request.params;
  const what =
    run.kind === "deploy" ? `deploy of ${text(tag)}` :
    run.kind === "rollback" ? `rollback to ${revision ? `revision ${text(revision)}` : "the previous revision"}` :
    run.kind === "scale" ? `scale to ${text(replicas)}` :
    run.kind === "promote" ? `promotion of ${text(tag)}` :
    run.kind;
  const where = run.kind === "promote" && Array.isArray(to) ? `from ${run.environment} to ${to.map(text).join(", ")}` : `in ${run.environment}`;
  const override = emergency && typeof emergency === "object" && !Array.isArray(emergency) ? `\nemergency override: ${text(emergency.reason)}` : "";
  return `run ${run.id} ${run.status}: ${what} ${where} of ${run.services.join(", ")}${override}\nfollow it with: quikship run ${run.id} --follow`;
}

/** Starts the run; with --wait follows it to its end (exit 1 when it fails or is cancelled). */
async function start(kind: RunKind, environment: string, options: DeliverOptions, params: { [key: string]: Json }): Promise<number> {
  const services = serviceList(options.services);
  const client = clientFor(options);
  const run = await client.post<RunView>("/v1/runs", { kind, environment, services, params });
  if (options.wait) return followToEnd(client, run.id, options);
  emit(options, run, describeRun);
  return 0;
}

export function deploy(environment: string, options: DeliverOptions & EmergencyOptions & { tag: string }): Promise<number> {
  return start("deploy", environment, options, { tag: options.tag, ...emergencyParam(options) });
}

/** The source environment is the run's environment; the server checks that it runs the tag. */
export function promote(options: PromoteOptions): Promise<number> {
  const to = nameList("--to", options.to, "environment names");
  const params: { [key: string]: Json } = { to, tag: options.tag, ...emergencyParam(options) };
  if (options.skipTests) params.skipTests = true;
  // Accepted now so scripts can pass it; the engine does not act on it yet.
  if (options.canary) params.canary = true;
  return start("promote", options.from, options, params);
}

export function rollback(environment: string, options: DeliverOptions & { revision?: string }): Promise<number> {
  const revision = options.revision === undefined ? 0 : wholeNumber("--revision", options.revision, "a revision (0: the previous one)");
  return start("rollback", environment, options, { revision });
}

export function restart(environment: string, options: DeliverOptions): Promise<number> {
  return start("restart", environment, options, {});
}

export function scale(environment: string, options: DeliverOptions & { replicas: string }): Promise<number> {
  return start("scale", environment, options, { replicas: wholeNumber("--replicas", options.replicas, "instances") });
}
