import type { Operation } from "../../config/types.js";
import { UsageError } from "../../errors.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { effectiveVariables, MASK } from "../../platform/variables.js";
import { emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import { loadForCommand } from "../platform-option.js";

const OPERATIONS: readonly Operation[] = ["deploy", "ci", "terraform"];

export function vars(envName: string, options: OutputOptions & { config?: string; service?: string; operation?: string }): number {
  const operation = (options.operation ?? "deploy") as Operation;
  if (!OPERATIONS.includes(operation)) throw new UsageError(`--operation must be one of ${OPERATIONS.join(", ")}, got "${options.operation}"`);
  const platform = loadForCommand(options.config);
  const env = findEnvironment(platform, envName);
  const service = options.service === undefined ? undefined : findService(platform, options.service);
  const list = effectiveVariables(platform, env, { service, operation });
  const data = {
    environment: env.name,
    service: service?.name ?? null,
    operation,
    variables: Object.fromEntries(
      list.map((v) => [
        v.name,
        v.secret
          ? { value: MASK, secret: true, reference: v.reference, source: v.source, overrides: v.overrides }
          : { value: v.value, secret: false, source: v.source, overrides: v.overrides },
      ]),
    ),
  };
  emit(options, data, () =>
    table(
      ["VARIABLE", "VALUE", "SOURCE"],
      list.map((v) => [v.name, v.secret ? `${MASK} (${v.reference})` : String(v.value), v.source]),
    ),
  );
  return 0;
}
