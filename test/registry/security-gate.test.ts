import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, it } from "node:test";
import type { ScanReportResult, ScanReportView } from "../../src/api/scan-schemas.js";
import type { SecurityOutput } from "../../src/engine/steps/security.js";
import { securityRows } from "../../dashboard/src/security-outcome.ts";
import type { RunView as DashboardRun } from "../../dashboard/src/types.ts";
import { RegistryImages } from "../../src/registry/images.js";
import { readScanReport } from "../../src/security/report.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { startEngineApp } from "../api/engine-app.js";
import type { EngineApp } from "../api/engine-app.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

/** dev warns only (blocks nothing), qa has no policy, staging blocks CRITICAL and HIGH with one exception. */
function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: security
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
users: { alice: {}, ci: {}, rob: {} }
groups:
  Developers: { members: [alice] }
  CI: { members: [ci] }
environments:
  dev: { tier: nonprod, security: {}, permissions: { deploy: [CI, Developers], promote: [Developers] } }
  qa: { tier: nonprod, from: dev, permissions: { deploy: [Developers], promote: [Developers] } }
  staging:
    tier: preprod
    from: qa
    permissions: { deploy: [Developers], promote: [Developers] }
    security:
      block: [CRITICAL, HIGH]
      allow: [{ id: CVE-2026-0002, until: "2026-11-20", reason: "no fix released; not reachable" }]
`;
}

/** A Trivy JSON report (SchemaVersion 2), written by hand as `trivy image --format json` writes one. */
function trivyReport(image: string, vulnerabilities: { id: string; severity: string }[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Results: [
      {
        Target: `${image} (debian 12.5)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulnerabilities.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: "openssl",
          InstalledVersion: "3.0.11-1",
          Severity: v.severity,
          Title: `openssl: ${v.id}`,
        })),
      },
    ],
  });
}

/** A SARIF 2.1.0 log with one result of a rule Trivy would tag CRITICAL. */
function sarifReport(ruleId: string, severityTag: string): string {
  return JSON.stringify({
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "Trivy", rules: [{ id: ruleId, properties: { tags: ["vulnerability", severityTag] } }] },
        },
        results: [{ ruleId, ruleIndex: 0, level: "error", message: { text: `Package: openssl (${ruleId})` } }],
      },
    ],
  });
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("the security gate", (t) => {
  let s: EngineApp;
  let repo: string;
  beforeEach(async () => {
    repo = `sec-${t.dialect}-${Math.random().toString(36).slice(2, 8)}/api`;
    s = await startEngineApp(t, platformFor(registry, repo), { images: (p) => new RegistryImages(() => p) });
  });
  afterEach(() => s.close());

  /** What `quikship ci scan-report FILE` posts: the report read as the CLI reads it, as CI. */
  async function postReport(text: string, image: { digest: string } | { tag: string }, file = "report.json") {
    const report = readScanReport(text, file);
    return s.as("ci", {
      method: "POST",
      url: "/v1/scan-reports",
      payload: { service: "api", ...image, format: report.format, tool: report.tool, findings: report.findings },
    });
  }

  async function run(user: "alice" | "ci", request: object) {
    const res = await s.as(user, { method: "POST", url: "/v1/runs", payload: request });
    assert.equal(res.statusCode, 201, res.body);
    await s.settle(12);
    return s.engine.api.get(res.json<{ id: string }>().id);
  }
  const deploy = (tag: string) => run("ci", { kind: "deploy", environment: "dev", services: ["api"], params: { tag } });
  const promote = (tag: string, from: string, to: string) =>
    run("alice", { kind: "promote", environment: from, services: ["api"], params: { tag, to: [to] } });
  const securityOf = (runView: Awaited<ReturnType<typeof run>>, key: string) =>
    runView.stages.flatMap((st) => st.steps).find((st) => st.key === key);

  it("blocks a promotion to staging of a digest whose report has a CRITICAL finding, naming it, and lets it into dev", async () => {
    const digest = await pushImage(registry, repo, "v1", { content: `v1 ${t.dialect}` });
    const posted = await postReport(
      trivyReport(repo, [
        { id: "CVE-2026-0001", severity: "CRITICAL" },
        { id: "CVE-2026-0009", severity: "LOW" },
      ]),
      { digest },
    );
    assert.equal(posted.statusCode, 201, posted.body);
    assert.deepEqual(posted.json<ScanReportResult>().report.counts, {
      CRITICAL: 1,
      HIGH: 0,
      MEDIUM: 0,
      LOW: 1,
      UNKNOWN: 0,
    });

    const dev = await deploy("v1");
    assert.equal(dev.status, "succeeded", JSON.stringify(dev.error));
    const devGate = securityOf(dev, "security")!;
    const devOutput = devGate.output as SecurityOutput;
    assert.deepEqual([devOutput.images[0]!.verdict, devOutput.images[0]!.digest], ["clear", digest]);
    assert.equal(devOutput.images[0]!.report?.counts.CRITICAL, 1, "dev shows the finding without blocking it");
    assert.equal((await promote("v1", "dev", "qa")).status, "succeeded");

    const staging = await promote("v1", "qa", "staging");
    assert.equal(staging.status, "failed");
    assert.match(
      staging.error!.message,
      /^the security policy of staging \(blocks CRITICAL, HIGH\) refuses api@sha256:[0-9a-f]{12}…: CVE-2026-0001 \(CRITICAL: openssl: CVE-2026-0001\)$/,
    );
    const gate = securityOf(staging, "staging/security")!;
    assert.equal(gate.status, "failed");
    const refused = (gate.error!.details as { security: SecurityOutput }).security;
    assert.deepEqual(
      refused.images[0]!.blocking.map((f) => [f.id, f.severity]),
      [["CVE-2026-0001", "CRITICAL"]],
    );
    const later = staging.stages
      .flatMap((st) => st.steps)
      .filter((st) => ["lock", "revision", "rollout"].includes(st.kind));
    assert.ok(later.length >= 3);
    assert.deepEqual([...new Set(later.map((st) => st.status))], ["pending"]);
    assert.deepEqual(await listRevisions(s.db.kysely, "staging", "api"), []);

    const page = await s.as("alice", { method: "GET", url: `/v1/runs/${staging.id}` });
    assert.deepEqual(
      securityRows(page.json<DashboardRun>()).map((r) => [r.environment, r.service, r.verdict, r.text]),
      [["staging", "api", "blocked", "blocked by CVE-2026-0001 (CRITICAL)"]],
      "the dashboard's run page shows the refusal",
    );

    const explained = await s.as("alice", { method: "GET", url: `/v1/runs/${staging.id}/explain` });
    assert.equal(explained.statusCode, 200, explained.body);
    assert.match(
      explained.json<{ summary: string }>().summary,
      /^failed: the security policy of staging .*CVE-2026-0001/,
    );
  });

  it("lets an allow-listed finding through until the end of its day, and blocks it from the next day on", async () => {
    const digest = await pushImage(registry, repo, "v2", { content: `v2 ${t.dialect}` });
    const posted = await postReport(sarifReport("CVE-2026-0002", "CRITICAL"), { tag: "v2" }, "scan.sarif");
    assert.equal(posted.statusCode, 201, posted.body);
    assert.equal(posted.json<ScanReportResult>().report.digest, digest, "the tag resolved at the registry");

    assert.equal((await deploy("v2")).status, "succeeded");
    assert.equal((await promote("v2", "dev", "qa")).status, "succeeded");
    const ahead = await s.as("alice", {
      method: "POST",
      url: "/v1/runs",
      payload: { kind: "promote", environment: "qa", services: ["api"], params: { tag: "v2", to: ["staging"] } },
    });
    const explained = await s.as("alice", {
      method: "GET",
      url: `/v1/runs/${ahead.json<{ id: string }>().id}/explain`,
    });
    assert.match(
      explained.json<{ summary: string }>().summary,
      /then the security gate of staging: blocks CRITICAL, HIGH; allows CVE-2026-0002 until 2026-11-20/,
    );
    await s.settle(12);
    const passed = await s.engine.api.get(ahead.json<{ id: string }>().id);
    assert.equal(passed.status, "succeeded", JSON.stringify(passed.error));
    const allowed = (securityOf(passed, "staging/security")!.output as SecurityOutput).images[0]!;
    assert.deepEqual(
      allowed.allowed.map((a) => [a.id, a.until, a.reason]),
      [["CVE-2026-0002", "2026-11-20", "no fix released; not reachable"]],
    );

    const page = await s.as("alice", { method: "GET", url: `/v1/runs/${passed.id}` });
    assert.deepEqual(
      securityRows(page.json<DashboardRun>()).flatMap((r) => [r.verdict, ...r.allowed]),
      ["clear", "CVE-2026-0002 (CRITICAL) allowed until 2026-11-20: no fix released; not reachable"],
    );

    s.clock.set(Date.parse("2026-11-20T23:59:00Z"));
    assert.equal((await promote("v2", "qa", "staging")).status, "succeeded", "still allowed on its last day");
    s.clock.set(Date.parse("2026-11-21T00:00:00Z"));
    const expired = await promote("v2", "qa", "staging");
    assert.equal(expired.status, "failed");
    assert.match(
      expired.error!.message,
      /CVE-2026-0002 \(CRITICAL.*\) \(allowed until 2026-11-20 for CVE-2026-0002, expired\)$/,
    );
  });

  it("refuses a malformed report body, a digest the registry does not have and a caller who may not deploy to the first rung, storing nothing", async () => {
    const digest = await pushImage(registry, repo, "v3", { content: `v3 ${t.dialect}` });
    const body = { service: "api", digest, format: "trivy", tool: "Trivy", findings: [] };
    const bad = await s.as("ci", {
      method: "POST",
      url: "/v1/scan-reports",
      payload: { ...body, findings: [{ id: "CVE-1", severity: "SEVERE", title: "", locations: [], more: 0 }] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const both = await s.as("ci", { method: "POST", url: "/v1/scan-reports", payload: { ...body, tag: "v3" } });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /give exactly one of digest and tag/);
    const missing = await s.as("ci", {
      method: "POST",
      url: "/v1/scan-reports",
      payload: { ...body, digest: `sha256:${"0".repeat(64)}` },
    });
    assert.equal(missing.statusCode, 404, missing.body);
    const forbidden = await s.as("rob", { method: "POST", url: "/v1/scan-reports", payload: body });
    assert.equal(forbidden.statusCode, 403, forbidden.body);
    assert.equal((await s.db.kysely.selectFrom("scan_reports").selectAll().execute()).length, 0);

    const stored = await s.as("ci", { method: "POST", url: "/v1/scan-reports", payload: body });
    assert.equal(stored.statusCode, 201, stored.body);
    const read = await s.as("alice", { method: "GET", url: `/v1/scan-reports?service=api&digest=${digest}` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual([read.json<ScanReportView>().tool, read.json<ScanReportView>().actor], ["Trivy", "ci"]);
    const audit = await s.db.kysely
      .selectFrom("audit")
      .select(["action", "subject"])
      .where("action", "=", "scan.report")
      .execute();
    assert.deepEqual(audit, [{ action: "scan.report", subject: `api@${digest}` }]);
  });
});
