import type { Queryable } from "../db.js";
import { toJson } from "../json.js";

/** Records the platform version a run was planned with, and the groups its submitter acted in. */
export async function recordRunPlatform(
  db: Queryable,
  runId: string,
  version: number,
  groups: string[],
): Promise<void> {
  await db
    .updateTable("runs")
    .set({ platform_version: version, actor_groups: toJson(groups) })
    .where("id", "=", runId)
    .execute();
}
