/**
 * `quikship ci plan` as a pure function: the facts git gave (changed files, commits) and the
 * platform in; which services to build, with which tag, where the build goes, out.
 */
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { findService } from "../platform/lookup.js";
import { triggeredEnvironments } from "../platform/triggers.js";
import type { ArtifactSource } from "../platform/triggers.js";
import { buildPlan, matrixRow } from "./build-plan.js";
import type { BuildPlan } from "./build-plan.js";
import { changedServices } from "./changes.js";
import type { ChangeReason } from "./changes.js";
import { chooseTag, IMAGE_TAG } from "./tags.js";
import type { TagChoice, TagStrategy } from "./tags.js";

export type Selection = { kind: "changed" } | { kind: "all" } | { kind: "list"; names: string[] };

export interface PlanRequest {
  selection: Selection;
  source: ArtifactSource | undefined;
  custom: string | undefined;
  strategy: TagStrategy | undefined;
  /** A tag given outright (`ci build --tag`): the rules are not asked. */
  tag?: string | undefined;
  /** owner/name of the repository CI runs in, when known. */
  repository: string | undefined;
}

export interface GitFacts {
  base: string | undefined;
  head: string;
  mergeBase: string | undefined;
  /** The full SHA of the head commit. */
  sha: string;
  /** Changed files between the merge base and the head; undefined when not asked (all, a list). */
  files: string[] | undefined;
  /** The platform's own files, relative to the repository's top level. */
  platformFiles: string[];
}

export type RepositoryShape = { kind: "monorepo" } | { kind: "service"; service: string };

export interface PlannedService {
  name: string;
  stack: string;
  /** Why it is built: the file and glob, or "all" / "named". */
  reason: ChangeReason | { selected: "all" | "named" };
}

export type Matrix = { include: Record<string, string | boolean>[] };

export interface CiPlan {
  base: string | undefined;
  head: string;
  mergeBase: string | undefined;
  sha: string;
  source: ArtifactSource | undefined;
  repository: RepositoryShape;
  changedFiles: number | undefined;
  platformChanged: string[];
  tag: TagChoice;
  environments: { name: string; rule: string }[];
  services: PlannedService[];
  builds: BuildPlan[];
  matrix: Matrix;
  /** The matrix split by CI workflow (stack family), each with its count. */
  workflows: Record<string, { count: number; matrix: Matrix }>;
}

/** The services this repository holds: those whose `repository` names it, else all. */
export function candidatesOf(platform: Platform, repository: string | undefined): string[] {
  const all = Object.keys(platform.services);
  if (repository === undefined) return all;
  const own = all.filter((n) => platform.services[n]!.repository?.toLowerCase() === repository.toLowerCase());
  return own.length > 0 ? own : all;
}

/** The services selected, before any cache key is known (git reads those for these only). */
export function selectServices(platform: Platform, request: PlanRequest, facts: GitFacts): PlannedService[] {
  const candidates = candidatesOf(platform, request.repository);
  const planned = (name: string, reason: PlannedService["reason"]): PlannedService => ({
    name,
    stack: platform.services[name]!.stack,
    reason,
  });
  const { selection } = request;
  switch (selection.kind) {
    case "all":
      return candidates.map((n) => planned(n, { selected: "all" }));
    case "list":
      return [...new Set(selection.names)].map((n) => {
        const name = findService(platform, n).name;
        if (!candidates.includes(name))
          throw new InputError(`service "${name}" is not built from this repository (${request.repository})`);
        return planned(name, { selected: "named" });
      });
    default: {
      const changed = changedServices(platform, facts.files ?? [], candidates);
      return [...changed].map(([n, reason]) => planned(n, reason));
    }
  }
}

export function assemblePlan(
  platform: Platform,
  request: PlanRequest,
  facts: GitFacts,
  services: PlannedService[],
  cacheHashes: Record<string, string>,
): CiPlan {
  const tag =
    request.tag !== undefined ? givenTag(request.tag) : chooseTag(platform.tags, { ...request, sha: facts.sha });
  const candidates = candidatesOf(platform, request.repository);
  const builds = services.map((s) =>
    buildPlan(platform, platform.services[s.name]!, tag.tag, cacheHashes[s.name] ?? "none"),
  );
  const workflows: CiPlan["workflows"] = {};
  for (const b of builds) {
    const w = (workflows[b.workflow] ??= { count: 0, matrix: { include: [] } });
    w.count++;
    w.matrix.include.push(matrixRow(b));
  }
  const changedSet = new Set(facts.files ?? []);
  return {
    base: facts.base,
    head: facts.head,
    mergeBase: facts.mergeBase,
    sha: facts.sha,
    source: request.source,
    repository:
      candidates.length === 1 && request.repository !== undefined
        ? { kind: "service", service: candidates[0]! }
        : { kind: "monorepo" },
    changedFiles: facts.files?.length,
    platformChanged: facts.platformFiles.filter((f) => changedSet.has(f)),
    tag,
    environments: request.source
      ? triggeredEnvironments(platform, request.source).map((m) => ({ name: m.environment.name, rule: m.rule }))
      : [],
    services,
    builds,
    matrix: { include: builds.map(matrixRow) },
    workflows,
  };
}

function givenTag(tag: string): TagChoice {
  if (!IMAGE_TAG.test(tag))
    throw new InputError(
      `--tag "${tag}" is not a valid image tag (letters, digits, '_', '.', '-'; not starting with '.' or '-'; at most 128)`,
    );
  return { tag, strategy: "custom", rule: "--tag" };
}
