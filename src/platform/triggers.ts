/**
 * Trigger rules: which environments a newly built artifact deploys to. An environment's
 * `triggers` name a branch or a git tag glob; an artifact comes from exactly one of the two.
 */
import type { Environment, Platform } from "../config/types.js";

/** Where an artifact was built from: a branch or a git tag, never both. */
export type ArtifactSource = { branch: string } | { gitTag: string };

/**
 * Whether `text` matches `glob`, where `*` stands for any run of characters (`/` included) and
 * every other character for itself. Pure; no regular expression is built from user text.
 */
export function matchGlob(glob: string, text: string): boolean {
  const parts = glob.split("*");
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) return glob === text;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  // Each middle part must occur, in order, between the fixed head and tail: leftmost is always best.
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** The rule of an environment that an artifact matches, if any. */
export function matchingTrigger(
  environment: Environment,
  source: ArtifactSource,
): { branch?: string; gitTag?: string } | undefined {
  return environment.triggers.find((t) =>
    "branch" in source
      ? t.branch !== undefined && matchGlob(t.branch, source.branch)
      : t.gitTag !== undefined && matchGlob(t.gitTag, source.gitTag),
  );
}

/** The environments an artifact deploys to, in ladder order, each with the rule that matched. */
export function triggeredEnvironments(
  platform: Platform,
  source: ArtifactSource,
): { environment: Environment; rule: string }[] {
  return platform.ladder.flatMap((name) => {
    const environment = platform.environments[name]!;
    const trigger = matchingTrigger(environment, source);
    if (!trigger) return [];
    return [
      { environment, rule: trigger.branch !== undefined ? `branch ${trigger.branch}` : `gitTag ${trigger.gitTag}` },
    ];
  });
}
