/**
 * The store writes of a rollout's end: each in the caller's transaction, so a revision's status
 * and its history change together.
 */
import type { Queryable } from "../db.js";
import { clearStandbyUntil, setStandbyUntil } from "./standby.js";
import { activateRevision, pruneRevisions, setRevisionStatus } from "./write.js";

/** The new revision serves all traffic: it is active, the others superseded, the history pruned to `historyLimit`. */
export async function completeRollout(
  tx: Queryable,
  at: { environment: string; service: string; revision: number; now: number; historyLimit: number },
): Promise<void> {
  await activateRevision(tx, at.environment, at.service, at.revision, at.now, false);
  await pruneRevisions(tx, at.environment, at.service, at.historyLimit);
}

/** A blue-green switch: the new revision active, the previous one standby until `standbyUntil`. */
export async function recordSwitch(
  tx: Queryable,
  at: { environment: string; service: string; revision: number; now: number; standbyUntil: number },
): Promise<void> {
  await activateRevision(tx, at.environment, at.service, at.revision, at.now, true);
  await setStandbyUntil(tx, at.environment, at.service, at.standbyUntil);
}

/** An aborted canary or blue-green rollout: the stable revision active again (no longer a standby), the new one failed. */
export async function recordAbort(
  tx: Queryable,
  at: { environment: string; service: string; revision: number; stable: number | null; now: number },
): Promise<void> {
  if (at.stable !== null) {
    await setRevisionStatus(tx, at.environment, at.service, at.stable, "active", at.now);
    await clearStandbyUntil(tx, at.environment, at.service, at.stable);
  }
  await setRevisionStatus(tx, at.environment, at.service, at.revision, "failed", at.now);
}
