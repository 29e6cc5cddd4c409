/** `quikship ci workflows`: writes (or, with --check, compares) the GitHub Actions workflows. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderWorkflows } from "../../ci/workflows.js";
import { yaml } from "../../config/yaml-lib.js";
import { emit } from "../output.js";
import type { OutputOptions } from "../output.js";
import { loadForCommand } from "../platform-option.js";

export interface WorkflowsOptions extends OutputOptions {
  config?: string;
  out: string;
  platformPath: string;
  check?: boolean;
}

export async function ciWorkflows(options: WorkflowsOptions): Promise<number> {
  const platform = await loadForCommand(options.config);
  const files = renderWorkflows(platform, { platformPath: options.platformPath }, yaml());
  const result = Object.entries(files).map(([name, text]) => {
    const path = join(options.out, name);
    const same = existsSync(path) && readFileSync(path, "utf8") === text;
    return { path, status: same ? "unchanged" : options.check ? "stale" : "written" };
  });
  if (!options.check) {
    mkdirSync(options.out, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(options.out, name), text);
  }
  emit(options, { files: result }, (r) => r.files.map((f) => `${f.status.padEnd(9)} ${f.path}`).join("\n"));
  return options.check && result.some((f) => f.status === "stale") ? 1 : 0;
}
