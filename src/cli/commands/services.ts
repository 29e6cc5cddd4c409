import { emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import { serviceList } from "../../platform/views.js";
import { loadForCommand } from "../platform-option.js";

export async function services(options: OutputOptions & { config?: string; stack?: string }): Promise<number> {
  const platform = await loadForCommand(options.config);
  const list = serviceList(platform, options.stack);
  emit(options, list, (rows) =>
    table(
      ["SERVICE", "STACK", "PORT", "HEALTH", "STRATEGY"],
      rows.map((s) => [s.name, s.stack, s.port, s.healthPath, s.strategy ?? "(environment's)"]),
    ),
  );
  return 0;
}
