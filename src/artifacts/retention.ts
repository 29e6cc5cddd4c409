/**
 * Which tags of a repository a prune keeps and which it deletes. Pure. Kept, each with its reason:
 * the `keep` newest tags, every digest an environment runs or can roll back to (its revisions
 * within `historyLimit`), tags matching the keep patterns, and tags sharing a digest with a kept
 * one (a registry deletes a manifest with every tag on it). With `olderThanMs`, of the rest only
 * images created longer ago than that are deleted; younger ones, and images that do not say when
 * they were created, are kept. Everything else is deleted.
 */
import { formatDurationMs } from "../config/duration.js";
import { matchSegment } from "../ci/glob.js";

export interface TagInfo {
  tag: string;
  digest: string;
  /** The image config's `created`, as ms; undefined when the image does not say. */
  createdMs: number | undefined;
}

export interface RetentionRules {
  keep: number;
  keepTags: readonly string[];
  /** Only tags older than this (by the image's `created`) beyond the kept ones are deleted; undefined: any age. */
  olderThanMs?: number | undefined;
}

export interface KeptTag extends TagInfo {
  reasons: string[];
}

export interface RetentionPlan {
  keep: KeptTag[];
  remove: TagInfo[];
}

/** Newest first: by created time, then by tag (descending), so the order is the same on every run. */
function newestFirst(a: TagInfo, b: TagInfo): number {
  const byTime = (b.createdMs ?? -Infinity) - (a.createdMs ?? -Infinity);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.tag < b.tag ? 1 : a.tag > b.tag ? -1 : 0;
}

/** Why a tag nothing else keeps stays under `olderThan`, or undefined when it is old enough to go. */
function tooYoung(tag: TagInfo, olderThanMs: number, nowMs: number): string | undefined {
  const age = formatDurationMs(olderThanMs);
  if (tag.createdMs === undefined)
    return `its image does not say when it was created, so it is not known to be older than ${age}`;
  if (nowMs - tag.createdMs < olderThanMs)
    return `created ${new Date(tag.createdMs).toISOString()}, not older than ${age}`;
  return undefined;
}

export function planRetention(
  tags: readonly TagInfo[],
  protectedDigests: ReadonlyMap<string, readonly string[]>,
  rules: RetentionRules,
  nowMs: number,
): RetentionPlan {
  const ordered = [...tags].sort(newestFirst);
  const reasons = new Map<string, string[]>(ordered.map((t) => [t.tag, []]));
  ordered.forEach((t, i) => {
    const why = reasons.get(t.tag)!;
    if (i < rules.keep) why.push(`one of the ${rules.keep} newest`);
    why.push(...(protectedDigests.get(t.digest) ?? []));
    for (const p of rules.keepTags) if (matchSegment(p, t.tag)) why.push(`matches ${p}`);
    const young =
      why.length === 0 && rules.olderThanMs !== undefined ? tooYoung(t, rules.olderThanMs, nowMs) : undefined;
    if (young !== undefined) why.push(young);
  });
  const keptDigests = new Map<string, string>();
  for (const t of ordered)
    if (reasons.get(t.tag)!.length > 0 && !keptDigests.has(t.digest)) keptDigests.set(t.digest, t.tag);
  for (const t of ordered) {
    const why = reasons.get(t.tag)!;
    const keeper = keptDigests.get(t.digest);
    if (why.length === 0 && keeper !== undefined) why.push(`shares its digest with ${keeper}, which is kept`);
  }
  return {
    keep: ordered.filter((t) => reasons.get(t.tag)!.length > 0).map((t) => ({ ...t, reasons: reasons.get(t.tag)! })),
    remove: ordered.filter((t) => reasons.get(t.tag)!.length === 0),
  };
}
