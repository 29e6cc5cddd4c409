import { fromJson, toJson } from "../json.js";
import type { Queryable } from "../db.js";
import { appendEvent } from "./insert.js";
import { endUnfinishedRun } from "./update.js";

/**
 * runLatest: cancels the older runs of an environment and service that have not started to
 * change anything — queued, or waiting for the lock — in favour of a newer one.
 */
export async function supersedeOlderRuns(
  tx: Queryable,
  environment: string,
  service: string,
  newerId: string,
  now: number,
): Promise<string[]> {
  const candidates = await tx
    .selectFrom("runs")
    .select(["id", "status", "wait_reason"])
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("id", "!=", newerId)
    .where("status", "in", ["queued", "waiting"])
    .execute();
  const superseded: string[] = [];
  for (const run of candidates) {
    const reason = run.wait_reason ? (fromJson(run.wait_reason) as { kind?: string }) : undefined;
    if (run.status === "waiting" && reason?.kind !== "lock") continue;
    const error = { kind: "cancelled", message: `superseded by run ${newerId} (lock: runLatest)` };
    if (await endUnfinishedRun(tx, run.id, "cancelled", toJson(error), now, newerId)) {
      await appendEvent(tx, run.id, now, "run", { status: "cancelled", error });
      superseded.push(run.id);
    }
  }
  return superseded;
}
