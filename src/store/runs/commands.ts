import type { Queryable } from "../db.js";
import type { RunCommandRow } from "../rows.js";
import { wakeWaitingRun } from "./update.js";

export interface NewRunCommand {
  runId: string;
  command: string;
  actor: string;
  comment: string | undefined;
  at: number;
}

/** Records a command for a run and wakes it (waiting, or executing and about to wait), so its step sees the command at once. */
export async function insertRunCommand(tx: Queryable, c: NewRunCommand): Promise<RunCommandRow> {
  const row = await tx
    .insertInto("run_commands")
    .values({ run_id: c.runId, command: c.command, actor: c.actor, comment: c.comment ?? null, at: c.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  await wakeWaitingRun(tx, c.runId, c.at);
  return row;
}

/** A run's commands in the order they were given. */
export async function listRunCommands(db: Queryable, runId: string): Promise<RunCommandRow[]> {
  return db.selectFrom("run_commands").selectAll().where("run_id", "=", runId).orderBy("id").execute();
}
