/** `quikship ci plan`: what changed, what to build, with which tag, and where it goes. No server. */
import { relative, resolve } from "node:path";
import { formatDiagnostic } from "../../config/diagnostics.js";
import { UsageError } from "../../errors.js";
import type { ArtifactSource } from "../../platform/triggers.js";
import { originRepository } from "../../ci/git.js";
import { readRange } from "../../ci/range.js";
import { assemblePlan, selectServices } from "../../ci/plan.js";
import type { CiPlan, GitFacts, PlanRequest, Selection } from "../../ci/plan.js";
import { TAG_STRATEGIES } from "../../config/schema/tag-strategies.js";
import type { TagStrategy } from "../../ci/tags.js";
import { colors, emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import type { CheckedPlatform } from "../../config/cache.js";
import { checkedPlatform, configPath } from "../platform-option.js";
import { isKind } from "../../kind.js";

export interface PlanOptions extends OutputOptions {
  config?: string;
  base?: string;
  head: string;
  branch?: string;
  gitTag?: string;
  sha?: string;
  services: string;
  tagStrategy?: string;
  customTag?: string;
  repository?: string;
  /** Where the repository is (default: the working directory); not an option of the command. */
  cwd?: string;
}

export function parseSelection(services: string): Selection {
  if (services === "changed") return { kind: "changed" };
  if (services === "all") return { kind: "all" };
  const names = services
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--services takes changed, all, or service names separated by commas");
  return { kind: "list", names };
}

export function parseSource(branch: string | undefined, gitTag: string | undefined): ArtifactSource | undefined {
  if (branch !== undefined && gitTag !== undefined)
    throw new UsageError("give one of --branch and --git-tag, not both");
  if (branch !== undefined) return { branch };
  return gitTag !== undefined ? { gitTag } : undefined;
}

function parseStrategy(value: string | undefined): TagStrategy | undefined {
  if (value === undefined) return undefined;
  const found = TAG_STRATEGIES.find((s) => s === value);
  if (!found) throw new UsageError(`--tag-strategy must be one of ${TAG_STRATEGIES.join(", ")}, not "${value}"`);
  return found;
}

/**
 * Reads git and the platform (or takes it as `kept` when the caller found it in the cache), then
 * plans. Exported for `ci build`, which builds one service of a plan.
 */
export async function makePlan(options: PlanOptions, tag?: string, kept?: CheckedPlatform): Promise<CiPlan> {
  const selection = parseSelection(options.services);
  if (isKind(selection, "changed") && options.base === undefined)
    throw new UsageError("--base is needed to find what changed (or pass --services all, or a list of services)");
  // git runs while the platform is read; its errors come after the platform's.
  const reading = readRange(options.cwd ?? process.cwd(), options.head, options.base, isKind(selection, "changed"));
  reading.catch(() => undefined);
  const { platform, warnings, files } = kept ?? (await checkedPlatform(configPath(options.config)));
  for (const w of warnings) process.stderr.write(`${colors.yellow(formatDiagnostic(w))}\n`);
  const { repo, head, mergeBase: from, files: changed } = await reading;
  const facts: GitFacts = {
    base: options.base,
    head: options.head,
    mergeBase: from,
    sha: options.sha ?? head,
    files: changed,
    platformFiles: files.map((f) => relative(repo.top, resolve(f)).split("\\").join("/")),
  };
  const declares = Object.values(platform.services).some((s) => s.repository !== undefined);
  const request: PlanRequest = {
    selection,
    tag,
    source: parseSource(options.branch, options.gitTag),
    custom: options.customTag,
    strategy: parseStrategy(options.tagStrategy),
    repository: options.repository ?? process.env.GITHUB_REPOSITORY ?? (declares ? originRepository(repo) : undefined),
  };
  const services = selectServices(platform, request, facts);
  // The cache keys hash the lock files of the services chosen, and only theirs.
  const keyFiles: Record<string, string[]> = {};
  const draft = assemblePlan(platform, request, facts, services, {});
  for (const b of draft.builds) if (b.cache.keyFiles.length > 0) keyFiles[b.service] = b.cache.keyFiles;
  const digests =
    Object.keys(keyFiles).length > 0 ? (await import("../../ci/digests.js")).contentDigests(repo, head, keyFiles) : {};
  return Object.keys(digests).length > 0 ? assemblePlan(platform, request, facts, services, digests) : draft;
}

function reasonText(reason: CiPlan["services"][number]["reason"]): string {
  if ("selected" in reason) return reason.selected === "all" ? "all services asked" : "named";
  const via =
    reason.via === "service" ? "" : reason.via === "stack" ? " (shared by the stack)" : " (shared by every service)";
  return `${reason.file} ~ ${reason.glob}${via}`;
}

export function planText(plan: CiPlan): string {
  const range =
    plan.base !== undefined ? `${plan.base}..${plan.head} (merge base ${plan.mergeBase!.slice(0, 7)})` : plan.head;
  const lines = [
    `${colors.bold("plan")} ${range}${plan.changedFiles !== undefined ? `: ${plan.changedFiles} files changed` : ""}`,
    `tag ${colors.bold(plan.tag.tag)} — ${plan.tag.rule}`,
    `environments: ${plan.environments.length > 0 ? plan.environments.map((e) => `${e.name} (${e.rule})`).join(", ") : "none"}`,
  ];
  if (isKind(plan.repository, "service")) lines.push(`repository of one service: ${plan.repository.service}`);
  if (plan.platformChanged.length > 0)
    lines.push(colors.yellow(`platform file changed: ${plan.platformChanged.join(", ")}`));
  if (plan.builds.length === 0) return [...lines, "no service to build"].join("\n");
  const rows = plan.builds.map((b, i) => [
    b.service,
    b.stack,
    b.workflow,
    b.image,
    reasonText(plan.services[i]!.reason),
  ]);
  return [...lines, "", table(["SERVICE", "STACK", "WORKFLOW", "IMAGE", "WHY"], rows)].join("\n");
}

export async function ciPlan(options: PlanOptions, kept?: CheckedPlatform): Promise<number> {
  const plan = await makePlan(options, undefined, kept);
  emit(options, plan, planText);
  return 0;
}
