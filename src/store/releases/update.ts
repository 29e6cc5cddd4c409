import type { Queryable } from "../db.js";
import type { ReleasesTable } from "../rows.js";

/** Ends a release: released, failed or rolled back. Setting the status it has already changes nothing. */
export async function setReleaseStatus(
  tx: Queryable,
  id: string,
  status: Exclude<ReleasesTable["status"], "rolling-out">,
  now: number,
): Promise<void> {
  await tx
    .updateTable("releases")
    .set({ status, finished_at: now })
    .where("id", "=", id)
    .where("status", "!=", status)
    .execute();
}

/** The releases of a run that ended before they did (a cancelled run) are failed. */
export async function failUnfinishedReleases(tx: Queryable, runId: string, now: number): Promise<void> {
  await tx
    .updateTable("releases")
    .set({ status: "failed", finished_at: now })
    .where("run_id", "=", runId)
    .where("status", "=", "rolling-out")
    .execute();
}
