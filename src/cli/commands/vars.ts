import type { Operation } from "../../config/types.js";
import { UsageError } from "../../errors.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { MASK } from "../../platform/variables.js";
import { OPERATIONS, variablesView } from "../../platform/views.js";
import { emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import { loadForCommand } from "../platform-option.js";

export async function vars(
  envName: string,
  options: OutputOptions & { config?: string; service?: string; operation?: string },
): Promise<number> {
  const operation = (options.operation ?? "deploy") as Operation;
  if (!(OPERATIONS as readonly string[]).includes(operation))
    throw new UsageError(`--operation must be one of ${OPERATIONS.join(", ")}, got "${options.operation}"`);
  const platform = await loadForCommand(options.config);
  const env = findEnvironment(platform, envName);
  const service = options.service === undefined ? undefined : findService(platform, options.service);
  const data = variablesView(platform, env, service, operation);
  const list = Object.entries(data.variables);
  emit(options, data, () =>
    table(
      ["VARIABLE", "VALUE", "SOURCE"],
      list.map(([name, v]) => [name, v.secret ? `${MASK} (${v.reference})` : String(v.value), v.source]),
    ),
  );
  return 0;
}
