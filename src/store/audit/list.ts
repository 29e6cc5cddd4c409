import { sql } from "kysely";
import type { Dialect, Queryable } from "../db.js";
import type { AuditRow } from "../rows.js";

export interface AuditFilter {
  /** Only entries at or after this time (ms since the epoch). */
  sinceMs?: number;
  /** Only entries whose data.environment or subject is this environment. */
  environment?: string;
  action?: string;
  limit: number;
}

/** The newest `limit` entries that match, oldest first. */
export async function listAudit(db: Queryable, dialect: Dialect, filter: AuditFilter): Promise<AuditRow[]> {
  const { sinceMs, environment, action, limit } = filter;
  const environmentOf = dialect === "postgres" ? sql<string | null>`data->>'environment'` : sql<string | null>`json_extract(data, '$.environment')`;
  const rows = await db
    .selectFrom("audit")
    .selectAll()
    .$if(sinceMs !== undefined, (q) => q.where("at", ">=", sinceMs!))
    .$if(action !== undefined, (q) => q.where("action", "=", action!))
    .$if(environment !== undefined, (q) => q.where((eb) => eb.or([eb(environmentOf, "=", environment!), eb("subject", "=", environment!)])))
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.reverse();
}
