/** `quikship ci build SERVICE`: the service's build plan, run on this machine; writes a build manifest. */
import { writeFileSync } from "node:fs";
import { commitTime, openRepository } from "../../ci/git.js";
import { runBuild } from "../../ci/build/run.js";
import { BUILD_STEPS } from "../../ci/manifest.js";
import type { BuildManifest } from "../../ci/manifest.js";
import { UsageError } from "../../errors.js";
import { emit } from "../output.js";
import { makePlan, parseSource } from "./ci-plan.js";
import type { PlanOptions } from "./ci-plan.js";

export interface BuildOptions extends Omit<PlanOptions, "services" | "base" | "head"> {
  tag?: string;
  push?: boolean;
  manifest: string;
  skip?: string;
}

function skipped(list: string | undefined): Set<string> {
  const names = (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(BUILD_STEPS as readonly string[]).includes(n))
      throw new UsageError(`--skip: unknown step "${n}" (steps: ${BUILD_STEPS.join(", ")})`);
  return new Set(names);
}

function manifestText(m: BuildManifest): string {
  const ms = m.steps.reduce((sum, s) => sum + s.ms, 0);
  return `built ${m.image}${m.digest ? `@${m.digest}` : ""} from ${m.commit.slice(0, 7)} in ${(ms / 1000).toFixed(1)} s`;
}

export async function ciBuild(service: string, options: BuildOptions): Promise<number> {
  const skip = skipped(options.skip);
  const plan = await makePlan({ ...options, services: service, head: "HEAD" }, options.tag);
  const build = plan.builds[0]!;
  if (options.push === true && !build.push)
    throw new UsageError(
      `--push: the ${build.stack} stack does not push its images (build.push: false in the platform), so ${service} is built here but never pushed; leave out --push`,
    );
  const repo = openRepository(process.cwd());
  const manifest = await runBuild({
    plan: build,
    top: repo.top,
    push: options.push === true,
    skip,
    source: parseSource(options.branch, options.gitTag) ?? null,
    commit: plan.sha,
    commitTime: commitTime(repo, plan.sha),
    progress: options.output === "json" ? "silent" : process.stdout.isTTY ? "default" : "simple",
  });
  writeFileSync(options.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  emit(options, manifest, manifestText);
  return 0;
}
