/** A service's build plan from its stack's build steps, placeholders filled in. Pure. */
import type { Platform, Service } from "../config/types.js";

export interface BuildPlan {
  service: string;
  stack: string;
  /** The CI workflow that builds it, without ".yml" (its stack family), or "ci". */
  workflow: string;
  tag: string;
  /** Registry repository, e.g. quikapp.azurecr.io/auth-service. */
  repository: string;
  /** repository:tag */
  image: string;
  workdir: string;
  setup: { uses: string; with: Record<string, string | number | boolean> }[];
  cache: { keyFiles: string[]; paths: string[]; key: string };
  install: string[];
  lint: string[];
  test: string[];
  build: string[];
  /** Where there is a dockerfile (the service's, else its stack's). */
  dockerfile: string | undefined;
  context: string;
  platforms: string[];
  scan: string[];
  push: boolean;
}

export function workflowName(service: Service): string {
  return (service.ciWorkflow ?? "ci.yml").replace(/\.ya?ml$/, "");
}

/** `{service}`, `{stack}`, `{tag}` and `{image}`; any other brace text is left as written. */
export function fillIn(text: string, values: Record<string, string>): string {
  return text.replace(/\{(service|stack|tag|image)\}/g, (_, name: string) => values[name]!);
}

/**
 * `cacheHash` is a digest of the cache key files' content at the head commit (ci/git.ts); the key
 * changes exactly when a lock file does.
 */
export function buildPlan(platform: Platform, service: Service, tag: string, cacheHash: string): BuildPlan {
  const build = platform.stacks[service.stack]?.build;
  const image = `${service.image}:${tag}`;
  const values = { service: service.name, stack: service.stack, tag, image };
  const fill = (commands: string[] | undefined): string[] => (commands ?? []).map((c) => fillIn(c, values));
  const workdir = fillIn(build?.workdir ?? ".", values);
  const keyFiles = (build?.cacheKeyFiles ?? []).map((f) => joinPath(workdir, fillIn(f, values)));
  return {
    service: service.name,
    stack: service.stack,
    workflow: workflowName(service),
    tag,
    repository: service.image,
    image,
    workdir,
    setup: build?.setup ?? [],
    cache: {
      keyFiles,
      paths: fill(build?.cachePaths),
      key: keyFiles.length === 0 ? "" : `${service.stack}-${service.name}-${cacheHash}`,
    },
    install: fill(build?.install),
    lint: fill(build?.lint),
    test: fill(build?.test),
    build: fill(build?.build),
    dockerfile: service.dockerfile === undefined ? undefined : fillIn(service.dockerfile, values),
    context: fillIn(build?.image.context ?? ".", values),
    platforms: build?.image.platforms ?? ["linux/amd64"],
    scan: fill(build?.scan),
    push: build?.push ?? true,
  };
}

/** Repository-relative paths joined without leaving the repository's notation ("." is the top). */
export function joinPath(dir: string, file: string): string {
  const d = dir.replace(/^\.\/?|\/$/g, "");
  return d === "" ? file : `${d}/${file}`;
}

/** One row of the GitHub Actions matrix: everything a job needs, as strings and booleans. */
export function matrixRow(plan: BuildPlan): Record<string, string | boolean> {
  return {
    service: plan.service,
    stack: plan.stack,
    workflow: plan.workflow,
    tag: plan.tag,
    image: plan.image,
    dockerfile: plan.dockerfile ?? "",
    context: plan.context,
    platforms: plan.platforms.join(","),
    workdir: plan.workdir,
    cacheKey: plan.cache.key,
    cachePaths: plan.cache.paths.join("\n"),
    push: plan.push,
  };
}
