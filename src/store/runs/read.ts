import type { Queryable } from "../db.js";
import type { RunEventRow, RunRow, RunStatus, RunStepRow } from "../rows.js";

export async function findRun(db: Queryable, id: string): Promise<RunRow | undefined> {
  return db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findSteps(db: Queryable, runId: string): Promise<RunStepRow[]> {
  return db
    .selectFrom("run_steps")
    .selectAll()
    .where("run_id", "=", runId)
    .orderBy("stage_index")
    .orderBy("step_index")
    .execute();
}

/** The steps of several runs in one query, by run id, each run's in order. */
export async function findStepsOfRuns(db: Queryable, runIds: string[]): Promise<Map<string, RunStepRow[]>> {
  const byRun = new Map<string, RunStepRow[]>(runIds.map((id) => [id, []]));
  if (runIds.length === 0) return byRun;
  const rows = await db
    .selectFrom("run_steps")
    .selectAll()
    .where("run_id", "in", runIds)
    .orderBy("run_id")
    .orderBy("stage_index")
    .orderBy("step_index")
    .execute();
  for (const row of rows) byRun.get(row.run_id)?.push(row);
  return byRun;
}

export interface RunQuery {
  environment?: string | undefined;
  status?: RunStatus | undefined;
  kind?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listRuns(db: Queryable, query: RunQuery): Promise<RunRow[]> {
  const { environment, status, kind: runKind } = query;
  return db
    .selectFrom("runs")
    .selectAll()
    .$if(environment !== undefined, (q) => q.where("environment", "=", environment!))
    .$if(status !== undefined, (q) => q.where("status", "=", status!))
    .$if(runKind !== undefined, (q) => q.where("kind", "=", runKind!))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit)
    .execute();
}

/** Queued, running and waiting runs (of one environment, or all), newest first, at most 3,000. */
export async function listUnfinishedRuns(
  db: Queryable,
  environment: string | undefined,
): Promise<Pick<RunRow, "id" | "kind" | "status" | "environment" | "request" | "created_at">[]> {
  return db
    .selectFrom("runs")
    .select(["id", "kind", "status", "environment", "request", "created_at"])
    .where("status", "in", ["queued", "running", "waiting"])
    .$if(environment !== undefined, (q) => q.where("environment", "=", environment!))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(3000)
    .execute();
}

export async function listEvents(db: Queryable, runId: string, afterId: number): Promise<RunEventRow[]> {
  return db
    .selectFrom("run_events")
    .selectAll()
    .where("run_id", "=", runId)
    .where("id", ">", afterId)
    .orderBy("id")
    .execute();
}

/** The earliest moment a waiting run's timer fires, for the worker's sleep. */
export async function nextWakeAt(db: Queryable): Promise<number | undefined> {
  const row = await db
    .selectFrom("runs")
    .select((eb) => eb.fn.min("wake_at").as("at"))
    .where("status", "=", "waiting")
    .executeTakeFirst();
  return row?.at ?? undefined;
}
