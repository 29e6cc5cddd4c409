import { emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import { loadForCommand } from "../platform-option.js";

export function services(options: OutputOptions & { config?: string; stack?: string }): number {
  const platform = loadForCommand(options.config);
  const list = Object.values(platform.services)
    .filter((s) => options.stack === undefined || s.stack === options.stack)
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
  emit(options, list, (rows) =>
    table(
      ["SERVICE", "STACK", "PORT", "HEALTH", "STRATEGY"],
      rows.map((s) => [s.name, s.stack, s.port, s.healthPath, s.strategy ?? "(environment's)"]),
    ),
  );
  return 0;
}
