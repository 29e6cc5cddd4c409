import { appendAudit } from "../../audit/append.js";
import type { Platform, Service } from "../../config/types.js";
import { ConflictError, InputError, NotFoundError } from "../../errors.js";
import { findService } from "../../platform/lookup.js";
import { severityCounts } from "../../security/findings.js";
import { findScanReport } from "../../store/scans/read.js";
import type { ScanReportRecord } from "../../store/scans/read.js";
import { saveScanReport } from "../../store/scans/write.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { SIGNED_IN } from "../permission.js";
import type { RoutePermission } from "../permission.js";
import { scanReportQuery, scanReportRequest, scanReportResult, scanReportView } from "../scan-schemas.js";
import type { ScanReportView } from "../scan-schemas.js";
import type { ZodApp } from "../zod.js";

/** Who may post a report: whoever may deploy to the ladder's first rung (CI, which builds the images). */
const FIRST_RUNG_DEPLOY: RoutePermission = {
  kind: "environment",
  action: "deploy",
  environments: (_request, platform) => platform.ladder.slice(0, 1),
};

/** How many times a report is stored when another writer took the audit log's next entry. */
const ATTEMPTS = 5;

export function viewOf(r: ScanReportRecord): ScanReportView {
  return {
    service: r.service,
    digest: r.digest,
    format: r.format,
    tool: r.tool,
    counts: severityCounts(r.findings),
    findings: r.findings,
    actor: r.actor,
    receivedAt: r.receivedAtMs,
  };
}

/** The digest a report names: as given (the registry must have it), or its tag resolved now. */
async function digestOf(
  context: ApiContext,
  service: Service,
  image: { digest?: string | undefined; tag?: string | undefined },
): Promise<string> {
  if (image.digest !== undefined) {
    if (service.registry === "pin") await context.images.check(service, image.digest);
    return image.digest;
  }
  if (service.registry === "none")
    throw new InputError(
      `${service.name} has registry: none, so its tags resolve to no digest to keep a report by; give --digest`,
    );
  const { client, repository } = context.images.clientFor(service);
  return client.resolve(repository, image.tag ?? "");
}

function describe(r: ScanReportRecord, tag: string | undefined, platform: Platform): string {
  const c = severityCounts(r.findings);
  const gated = Object.values(platform.environments)
    .filter((e) => e.security)
    .map((e) => e.name);
  return [
    `stored the ${r.tool} report of ${r.service}@${r.digest}${tag ? ` (tag ${tag})` : ""}:`,
    `${c.CRITICAL} critical, ${c.HIGH} high, ${c.MEDIUM} medium, ${c.LOW} low, ${c.UNKNOWN} unknown;`,
    gated.length ? `the security gates of ${gated.join(", ")} read it` : "no environment has a security policy",
  ].join(" ");
}

/** Scan reports: CI posts one per image digest; the security gate step reads them. */
export function registerScanRoutes(app: ZodApp, context: ApiContext): void {
  const tags = ["artifacts"];
  app.post(
    "/scan-reports",
    {
      config: { permission: FIRST_RUNG_DEPLOY },
      schema: {
        operationId: "uploadScanReport",
        tags,
        summary: "Store the scan report of an image digest (replacing the one before); audited",
        body: scanReportRequest,
        response: { 201: scanReportResult, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user: actor, tokenId: actorToken } = principal(request);
      const platform = context.platform;
      const body = request.body;
      const service = findService(platform, body.service);
      const digest = await digestOf(context, service, body);
      const record: ScanReportRecord = {
        service: service.name,
        digest,
        format: body.format,
        tool: body.tool,
        findings: body.findings,
        actor,
        receivedAtMs: context.clock.now(),
      };
      const data = {
        service: service.name,
        digest,
        ...(body.tag === undefined ? {} : { tag: body.tag }),
        format: body.format,
        tool: body.tool,
        actorToken,
      };
      const entry = {
        actor,
        action: "scan.report",
        subject: `${service.name}@${digest}`,
        data: { ...data, counts: { ...severityCounts(body.findings) } },
      };
      for (let attempt = 1; ; attempt++) {
        try {
          await context.db.transaction(async (tx) => {
            await saveScanReport(tx, record);
            await appendAudit(tx, context.db, entry, record.receivedAtMs);
          });
          break;
        } catch (error) {
          if (!(error instanceof ConflictError && error.retryable) || attempt >= ATTEMPTS) throw error;
        }
      }
      return reply.code(201).send({
        report: viewOf(record),
        resolvedFrom: body.tag ?? null,
        message: describe(record, body.tag, platform),
      });
    },
  );

  app.get(
    "/scan-reports",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getScanReport",
        tags,
        summary: "The scan report stored for an image digest",
        querystring: scanReportQuery,
        response: { 200: scanReportView, ...commonErrors },
      },
    },
    async (request) => {
      const service = findService(context.platform, request.query.service);
      const found = await findScanReport(context.db.kysely, service.name, request.query.digest);
      if (!found)
        throw new NotFoundError(
          `no scan report of ${service.name}@${request.query.digest}; post one with \`quikship ci scan-report\``,
        );
      return viewOf(found);
    },
  );
}
