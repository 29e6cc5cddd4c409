import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { kustomizeBuild } from "../../manifests/build.js";
import { diffTrees } from "../../manifests/diff.js";
import { renderEnvironment } from "../../manifests/render.js";
import { diffScope, inScope, readTree, writeTree } from "../../manifests/tree.js";
import { findServices } from "../../platform/lookup.js";
import { colors, emit } from "../output.js";
import type { OutputOptions } from "../output.js";
import { loadForCommand } from "../platform-option.js";
import type { Platform } from "../../config/types.js";

export interface RenderCommandOptions extends OutputOptions {
  config?: string;
  services?: string;
  tag?: string;
  out?: string;
  /** A directory, or true (`--diff` alone): the stored rendering of a revision. */
  diff?: string | true;
  revision?: string;
  server?: string;
  state?: string;
}

/** Renders (pure), then writes, diffs or builds: the only effects are here. */
export async function render(envName: string, options: RenderCommandOptions): Promise<number> {
  if (options.out !== undefined && options.diff !== undefined)
    throw new UsageError("--out and --diff go separately: diff first, then write");
  if (options.revision !== undefined && options.diff !== true)
    throw new UsageError("--revision goes with --diff alone (no directory): render ENV --diff --revision N|running");
  const platform = await loadForCommand(options.config);
  const services =
    options.services === undefined ? undefined : findServices(platform, options.services).map((s) => s.name);
  if (options.diff === true) return diffRevision(platform, envName, services, options);
  const dir = options.out ?? options.diff;
  const root = dir === undefined ? mkdtempSync(join(tmpdir(), "quikship-render-")) : resolve(dir);
  try {
    const rendering = renderEnvironment(platform, envName, { services, defaultTag: options.tag ?? "latest", root });
    if (options.output === "text")
      for (const warning of rendering.warnings) process.stderr.write(`${colors.yellow(`warning: ${warning}`)}\n`);
    const env = rendering.environment;
    if (options.diff !== undefined) {
      const scope = diffScope(rendering, services !== undefined);
      const now = rendering.files.filter((f) => inScope(f.path, scope));
      const changes = diffTrees(readTree(root, scope), now);
      emit(options, { environment: env, against: options.diff, changes, warnings: rendering.warnings }, () =>
        changes.length === 0
          ? `no changes: the rendering of ${env} matches ${options.diff}`
          : changes.map((c) => c.diff.trimEnd()).join("\n"),
      );
      return 0;
    }
    writeTree(root, rendering);
    if (options.out !== undefined) {
      const files = rendering.files.map((f) => f.path);
      emit(options, { environment: env, out: options.out, files, warnings: rendering.warnings }, () =>
        [
          `wrote ${files.length} files to ${options.out}`,
          `build: kubectl kustomize ${join(options.out!, "overlays", env)}`,
        ].join("\n"),
      );
      return 0;
    }
    const built = kustomizeBuild(join(root, "overlays", env));
    if (options.output === "json")
      emit(options, { environment: env, manifests: built, warnings: rendering.warnings }, () => "");
    else process.stdout.write(built);
    return 0;
  } finally {
    if (dir === undefined) rmSync(root, { recursive: true, force: true });
  }
}

async function diffRevision(
  platform: Platform,
  envName: string,
  services: string[] | undefined,
  options: RenderCommandOptions,
): Promise<number> {
  const { diffWithRevisions, revisionChoice } = await import("./render-revision.js");
  const diff = await diffWithRevisions(
    platform,
    envName,
    services,
    revisionChoice(options.revision, services),
    options,
  );
  if (options.output === "text") {
    for (const warning of diff.warnings) process.stderr.write(`${colors.yellow(`warning: ${warning}`)}\n`);
    for (const s of diff.skipped) process.stderr.write(`${colors.yellow(`skipped ${s.service}: ${s.reason}`)}\n`);
  }
  emit(options, diff, (d) => {
    if (d.revisions.length === 0) return `nothing to compare: no service of ${d.environment} has a stored rendering`;
    const compared = d.revisions.map((r) => `${r.service} r${r.revision} (${r.tag})`).join(", ");
    return d.changes.length === 0
      ? `no changes: the rendering of ${d.environment} matches ${d.against}: ${compared}`
      : [`comparing with ${d.against}: ${compared}`, ...d.changes.map((c) => c.diff.trimEnd())].join("\n");
  });
  return 0;
}
