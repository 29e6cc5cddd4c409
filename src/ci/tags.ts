/**
 * The image tag of a build, from the platform's tag rules (seed 001's tag strategy table). Pure.
 * A rule matches by its branch or git tag glob (`*` is any run of characters, `/` included; see
 * platform/triggers.ts), or matches every build when it names neither.
 */
import type { z } from "zod";
import type { tags as tagsSchema, TAG_STRATEGIES } from "../config/schema/tags.js";
import { InputError, UsageError } from "../errors.js";
import { matchGlob } from "../platform/triggers.js";
import type { ArtifactSource } from "../platform/triggers.js";

export type TagStrategy = (typeof TAG_STRATEGIES)[number];
export type TagRules = z.output<typeof tagsSchema>;
type TagRule = TagRules["rules"][number];

export interface TagInput {
  source: ArtifactSource | undefined;
  /** The full commit SHA of the build. */
  sha: string;
  custom: string | undefined;
  /** Overrides the platform's default strategy (--tag-strategy). */
  strategy: TagStrategy | undefined;
}

export interface TagChoice {
  tag: string;
  strategy: TagStrategy;
  /** The rule that chose it, e.g. `tags.rules[1] (auto, branch develop → dev)`. */
  rule: string;
}

/** Same as the API's artifact tag: what registries accept. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** auto follows the ref: its own rules and the semver ones, then the commit rules as a fallback. */
const TRIED: Record<TagStrategy, TagStrategy[][]> = {
  auto: [["auto", "semver"], ["commit"]],
  semver: [["semver"]],
  commit: [["commit"]],
  custom: [["custom"]],
};

export function describeRule(rule: TagRule, index: number): string {
  const on =
    rule.branch !== undefined
      ? `branch ${rule.branch}`
      : rule.gitTag !== undefined
        ? `git tag ${rule.gitTag}`
        : "any ref";
  return `tags.rules[${index}] (${rule.strategy}, ${on} → ${rule.tag})`;
}

/** The part of `text` the glob's stars matched (from the first star to the last), if it matches. */
function captured(glob: string, text: string): string | undefined {
  if (!matchGlob(glob, text)) return undefined;
  const first = glob.indexOf("*");
  if (first === -1) return "";
  const tail = glob.length - glob.lastIndexOf("*") - 1;
  return text.slice(first, text.length - tail);
}

function ruleMatch(rule: TagRule, source: ArtifactSource | undefined): string | undefined {
  if (rule.branch !== undefined) return source && "branch" in source ? captured(rule.branch, source.branch) : undefined;
  if (rule.gitTag !== undefined) return source && "gitTag" in source ? captured(rule.gitTag, source.gitTag) : undefined;
  return "";
}

function expand(rule: TagRule, where: string, match: string, input: TagInput): string {
  return rule.tag.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === "match") return match;
    if (name === "sha") return input.sha;
    if (name === "shortSha") return input.sha.slice(0, 7);
    if (name === "custom") {
      if (input.custom === undefined) throw new UsageError(`${where} needs --custom-tag for {custom}`);
      return input.custom;
    }
    throw new InputError(`${where}: unknown placeholder ${whole} (known: {match}, {sha}, {shortSha}, {custom})`);
  });
}

function describeSource(source: ArtifactSource | undefined): string {
  if (source === undefined) return "no branch or git tag";
  return "branch" in source ? `branch ${source.branch}` : `git tag ${source.gitTag}`;
}

/** The first rule of the strategy that matches the build, expanded; a clear error when none does. */
export function chooseTag(rules: TagRules, input: TagInput): TagChoice {
  const strategy = input.strategy ?? rules.default;
  if (rules.rules.length === 0 && strategy !== "custom")
    return { tag: input.sha, strategy, rule: "the commit (the platform has no tags.rules)" };
  for (const round of TRIED[strategy]) {
    for (const [index, rule] of rules.rules.entries()) {
      if (!round.includes(rule.strategy)) continue;
      const match = ruleMatch(rule, input.source);
      if (match === undefined) continue;
      const where = describeRule(rule, index);
      const tag = expand(rule, where, match, input);
      if (!IMAGE_TAG.test(tag)) {
        throw new InputError(
          `${where} gives "${tag}" for ${describeSource(input.source)}, which is not a valid image tag (letters, digits, '_', '.', '-'; not starting with '.' or '-'; at most 128)`,
        );
      }
      return { tag, strategy, rule: where };
    }
  }
  throw new InputError(
    `no tag rule of strategy ${strategy} matches ${describeSource(input.source)}: add one to tags.rules, or pass --tag-strategy commit`,
  );
}
