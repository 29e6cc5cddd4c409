import { sql } from "kysely";
import type { Dialect, Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

export interface AuditFilter {
  /** Only entries at or after this time (ms since the epoch). */
  sinceMs?: number;
  /** Only entries about this environment: its data.environment, one of its data.environments, or its subject. */
  environment?: string;
  action?: string;
  limit: number;
}

/** The newest `limit` entries that match, oldest first. */
export async function listAudit(db: Queryable, dialect: Dialect, filter: AuditFilter): Promise<AuditRow[]> {
  const { sinceMs, environment, action, limit } = filter;
  const about = (name: string) =>
    dialect === "postgres"
      ? sql<boolean>`(data->>'environment' = ${name} or jsonb_exists(coalesce(data->'environments', '[]'::jsonb), ${name}) or subject = ${name})`
      : // json_valid first: SQLite's JSON functions fail for the whole query on one entry nested too deep.
        sql<boolean>`(case when json_valid(data) then (json_extract(data, '$.environment') = ${name} or exists (select 1 from json_each(data, '$.environments') where value = ${name})) else 0 end or subject = ${name})`;
  const rows = await db
    .selectFrom("audit")
    .selectAll()
    .$if(sinceMs !== undefined, (q) => q.where("at", ">=", sinceMs!))
    .$if(action !== undefined, (q) => q.where("action", "=", action!))
    .$if(environment !== undefined, (q) => q.where(about(environment!)))
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.reverse();
}
