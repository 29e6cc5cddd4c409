import { recordOf } from "../../audit/entry.js";
import { verifyAudit } from "../../audit/verify.js";
import { findEnvironment } from "../../platform/lookup.js";
import { listAudit } from "../../store/audit/list.js";
import { auditEntryView, auditQuery, auditVerificationView, verifyQuery } from "../audit-schemas.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

/** The audit log, readable by every authenticated user. */
export function registerAuditRoutes(app: ZodApp, context: ApiContext): void {
  const { db, auditAnchor } = context;

  const tags = ["audit"];

  app.get(
    "/audit",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listAuditEntries",
        tags,
        summary: "Audit entries: the newest that match, oldest first",
        querystring: auditQuery,
        response: { 200: auditEntryView.array(), ...commonErrors },
      },
    },
    async (request) => {
      const { since, env, action, limit } = request.query;
      const environment = env === undefined ? undefined : findEnvironment(context.platform, env).name;
      const rows = await listAudit(db.kysely, db.dialect, { sinceMs: since, environment, action, limit });
      return rows.map(recordOf);
    },
  );

  app.get(
    "/audit/verify",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "verifyAudit",
        tags,
        summary: "Recompute the audit log's hash chain and check it against the signed checkpoints",
        description:
          "200 whether or not the log is intact: `ok` says which, `firstBad` names the first entry altered, removed, reordered, inserted or forged, and `anchor` says what the signed checkpoints prove.",
        querystring: verifyQuery,
        response: { 200: auditVerificationView, ...commonErrors },
      },
    },
    async (request) => verifyAudit(db, { known: request.query.known, anchor: auditAnchor }),
  );
}
