import type { Queryable } from "../db.js";
import { toJson } from "../json.js";
import type { RevisionRow, RevisionsTable } from "../rows.js";

export interface NewRevision {
  environment: string;
  service: string;
  tag: string;
  /** The image digest, where the registry was asked (or the source revision recorded it). */
  digest?: string | null;
  replicas: number;
  runId: string;
  detail: unknown;
  now: number;
  /** Only a revision of the run newer than this one counts as already recorded (a run moving a service back after moving it). */
  after?: number;
}

/**
 * Records the next revision of a service in an environment, pending until its rollout ends.
 * Idempotent per run: a run that already recorded one gets the same revision back.
 */
export async function createRevision(tx: Queryable, r: NewRevision): Promise<RevisionRow> {
  const existing = await tx
    .selectFrom("revisions")
    .selectAll()
    .where("environment", "=", r.environment)
    .where("service", "=", r.service)
    .where("run_id", "=", r.runId)
    .$if(r.after !== undefined, (q) => q.where("number", ">", r.after!))
    .orderBy("number", "desc")
    .executeTakeFirst();
  if (existing) return existing;
  const last = await tx
    .selectFrom("revisions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("environment", "=", r.environment)
    .where("service", "=", r.service)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  return tx
    .insertInto("revisions")
    .values({
      environment: r.environment,
      service: r.service,
      number,
      tag: r.tag,
      digest: r.digest ?? null,
      replicas: r.replicas,
      status: "pending",
      run_id: r.runId,
      created_at: r.now,
      activated_at: null,
      detail: toJson(r.detail),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setRevisionStatus(
  tx: Queryable,
  environment: string,
  service: string,
  number: number,
  status: RevisionsTable["status"],
  now: number,
): Promise<void> {
  await tx
    .updateTable("revisions")
    // A revision that stays active (the stable one when a canary is aborted) keeps the time it was activated.
    .set((eb) =>
      status === "active"
        ? {
            status,
            activated_at: eb.case().when("status", "=", "active").then(eb.ref("activated_at")).else(now).end(),
          }
        : { status },
    )
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "=", number)
    .execute();
}

/** Makes one revision active and every other active or standby one superseded (or standby, when kept). */
export async function activateRevision(
  tx: Queryable,
  environment: string,
  service: string,
  number: number,
  now: number,
  keepPrevious: boolean,
): Promise<void> {
  await tx
    .updateTable("revisions")
    .set({ status: keepPrevious ? "standby" : "superseded" })
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "!=", number)
    .where("status", "in", ["active", "standby"])
    .execute();
  await setRevisionStatus(tx, environment, service, number, "active", now);
}

export async function setRevisionReplicas(
  tx: Queryable,
  environment: string,
  service: string,
  number: number,
  replicas: number,
): Promise<void> {
  await tx
    .updateTable("revisions")
    .set({ replicas })
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "=", number)
    .execute();
}

/** Keeps the newest `limit` revisions of a service in an environment; the active and standby ones always stay. */
export async function pruneRevisions(
  tx: Queryable,
  environment: string,
  service: string,
  limit: number,
): Promise<void> {
  const keep = await tx
    .selectFrom("revisions")
    .select("number")
    .where("environment", "=", environment)
    .where("service", "=", service)
    .orderBy("number", "desc")
    .limit(limit)
    .execute();
  const oldest = keep[keep.length - 1]?.number;
  if (oldest === undefined || keep.length < limit) return;
  await tx
    .deleteFrom("revisions")
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "<", oldest)
    .where("status", "not in", ["active", "standby", "pending"])
    .execute();
}
