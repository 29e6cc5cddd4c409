import type { Queryable } from "../db.js";
import type { ApprovalDecision } from "../../gates/approvals.js";

/** Every decision on a run's approval in an environment, oldest first. */
export async function listDecisions(db: Queryable, runId: string, environment: string): Promise<ApprovalDecision[]> {
  const rows = await db
    .selectFrom("approval_decisions")
    .selectAll()
    .where("run_id", "=", runId)
    .where("environment", "=", environment)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    group: r.group_name,
    actor: r.actor,
    decision: r.decision,
    at: r.at,
    comment: r.comment ?? undefined,
  }));
}

export async function insertDecision(
  tx: Queryable,
  runId: string,
  environment: string,
  d: ApprovalDecision,
): Promise<void> {
  await tx
    .insertInto("approval_decisions")
    .values({
      run_id: runId,
      environment,
      group_name: d.group,
      actor: d.actor,
      decision: d.decision,
      comment: d.comment ?? null,
      at: d.at,
    })
    .execute();
}
