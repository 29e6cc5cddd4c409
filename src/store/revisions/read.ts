import type { Queryable } from "../db.js";
import type { RevisionRow } from "../rows.js";
import { fromJson } from "../json.js";
import { revisionTests } from "./tests.js";
import type { TestedRevision } from "./tests.js";

/** Newest first, at most `limit`. */
export async function listRevisions(
  db: Queryable,
  environment: string,
  service: string,
  limit = 100,
): Promise<RevisionRow[]> {
  return db
    .selectFrom("revisions")
    .selectAll()
    .where("environment", "=", environment)
    .where("service", "=", service)
    .orderBy("number", "desc")
    .limit(limit)
    .execute();
}

export async function findRevision(
  db: Queryable,
  environment: string,
  service: string,
  number: number,
): Promise<RevisionRow | undefined> {
  return db
    .selectFrom("revisions")
    .selectAll()
    .where("environment", "=", environment)
    .where("service", "=", service)
    .where("number", "=", number)
    .executeTakeFirst();
}

/** The active revision of every service of an environment (or of all environments). */
export async function activeRevisions(db: Queryable, environment?: string): Promise<RevisionRow[]> {
  return db
    .selectFrom("revisions")
    .selectAll()
    .where("status", "=", "active")
    .$if(environment !== undefined, (q) => q.where("environment", "=", environment!))
    .execute();
}

const tested = (r: RevisionRow): TestedRevision & { status: string } => ({
  service: r.service,
  tag: r.tag,
  number: r.number,
  status: r.status,
  tests: revisionTests(fromJson(r.detail)),
});

/**
 * What a promotion of `tag` reads of its source: the active revision of every service, and the
 * newest revision of the tag per service (whatever became of it), each with its test outcomes.
 */
export async function sourceRevisions(
  db: Queryable,
  environment: string,
  tag: string,
): Promise<{ active: TestedRevision[]; tagged: (TestedRevision & { status: string })[] }> {
  const active = (await activeRevisions(db, environment)).map(tested);
  const rows = await db
    .selectFrom("revisions")
    .selectAll()
    .where("environment", "=", environment)
    .where("tag", "=", tag)
    .orderBy("number", "desc")
    .execute();
  const newest = new Map<string, RevisionRow>();
  for (const row of rows) if (!newest.has(row.service)) newest.set(row.service, row);
  return { active, tagged: [...newest.values()].map(tested) };
}

/** Every revision of `service` that runs `digest`, in any environment, newest first. */
export async function revisionsOfDigest(db: Queryable, service: string, digest: string): Promise<RevisionRow[]> {
  return db
    .selectFrom("revisions")
    .selectAll()
    .where("service", "=", service)
    .where("digest", "=", digest)
    .orderBy("created_at", "desc")
    .execute();
}
