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

/** The active revision of every service of an environment, with the test outcomes kept with each. */
export async function sourceRevisions(db: Queryable, environment: string): Promise<TestedRevision[]> {
  return (await activeRevisions(db, environment)).map((r) => ({
    service: r.service,
    tag: r.tag,
    number: r.number,
    tests: revisionTests(fromJson(r.detail)),
  }));
}
