import { fromJson, toJson } from "../json.js";
import type { Queryable } from "../db.js";
import { appendEvent } from "./insert.js";
import { endUnfinishedRun } from "./update.js";
import { isKind } from "../../kind.js";

/**
 * What a run of a kind changes: a newer run supersedes only an older one that changes the same.
 * Null: runs of the kind are never superseded nor supersede.
 */
export function changeOf(kind: string): string | null {
  switch (kind) {
    case "deploy":
    case "promote":
    case "rollback":
      return "revision";
    // Each stops a different revision, or is one time of a prune's schedule: a newer one never
    // makes an older one pointless.
    case "expire-standby":
    case "registry-prune":
      return null;
    default:
      return kind;
  }
}

/** The `,ENV/SERVICE,…,` text of `lock_keys` as a list. */
export const keysOf = (lockKeys: string | null): string[] => (lockKeys ?? "").split(",").filter((k) => k !== "");

export interface NewerRun {
  id: string;
  kind: string;
  lockKeys: string | null;
}

/**
 * runLatest: cancels the older runs that a newer one makes pointless — those that would change
 * the same thing (`changeOf`) in nothing but what the newer run changes too (their locks are a
 * subset of its locks, all in environments `runLatest` names), and that have not started to
 * change anything: queued, or waiting for a lock. A promotion from dev, a scale beside a deploy,
 * a run waiting for an approval are left alone.
 */
export async function supersedeOlderRuns(
  tx: Queryable,
  newer: NewerRun,
  runLatest: (environment: string) => boolean,
  now: number,
): Promise<string[]> {
  const mine = new Set(keysOf(newer.lockKeys));
  const change = changeOf(newer.kind);
  if (change === null) return [];
  if (![...mine].some((key) => runLatest(key.split("/")[0]!))) return [];
  const candidates = await tx
    .selectFrom("runs")
    .select(["id", "kind", "status", "wait_reason", "lock_keys"])
    .where("id", "!=", newer.id)
    .where("status", "in", ["queued", "waiting"])
    .where((eb) => eb.or([...mine].map((key) => eb("lock_keys", "like", `%,${key},%`))))
    .execute();
  const superseded: string[] = [];
  for (const run of candidates) {
    const theirs = keysOf(run.lock_keys);
    if (changeOf(run.kind) !== change) continue;
    if (!theirs.every((key) => mine.has(key) && runLatest(key.split("/")[0]!))) continue;
    const reason = run.wait_reason ? (fromJson(run.wait_reason) as { kind?: string }) : undefined;
    if (run.status === "waiting" && !isKind(reason, "lock")) continue;
    const error = { kind: "cancelled", message: `superseded by run ${newer.id} (lock: runLatest)` };
    if (await endUnfinishedRun(tx, run.id, "cancelled", toJson(error), now, newer.id)) {
      await appendEvent(tx, run.id, now, "run", { status: "cancelled", error });
      superseded.push(run.id);
    }
  }
  return superseded;
}
