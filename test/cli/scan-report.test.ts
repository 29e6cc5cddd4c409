import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseJson, runCli } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-scan-"));
const state = join(dir, "state");
const DIGEST = `sha256:${"ab".repeat(32)}`;

// The counting target's server asks no registry (offline): digests are taken as given, and
// deploys carry tags only, so an environment that requires a report refuses every image.
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  web: { stack: node }
environments:
  dev: { tier: nonprod, target: local, security: { block: [CRITICAL] } }
  live: { tier: prod, target: local, from: dev, security: { block: [CRITICAL, HIGH], requireReport: true } }
`,
);
const report = join(dir, "trivy.json");
writeFileSync(
  report,
  JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "web",
    Results: [
      {
        Target: "web (alpine 3.20)",
        Vulnerabilities: [
          { VulnerabilityID: "CVE-2026-1111", PkgName: "musl", InstalledVersion: "1.2.5", Severity: "HIGH" },
        ],
      },
    ],
  }),
);
const broken = join(dir, "broken.sarif");
writeFileSync(
  broken,
  JSON.stringify({
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "Scanner" } }, results: [{ level: "fatal" }] }],
  }),
);

let server: ServerProcess;
const quikship = (...args: string[]) => runCli({ server: server.url, state, configHome: dir }, args);

describe("quikship ci scan-report and the security gate", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
  });
  after(() => stopServer(server, dir));

  it("stores a Trivy report's findings for a digest and says which gates read them", async () => {
    const stored = await quikship("ci", "scan-report", report, "--service", "web", "--digest", DIGEST);
    assert.equal(stored.code, 0, stored.stderr);
    assert.match(
      stored.stdout,
      /^stored the Trivy report of web@sha256:(ab)+: 0 critical, 1 high, 0 medium, 0 low, 0 unknown; the security gates of dev, live read it\n {2}HIGH {5}CVE-2026-1111/,
    );
  });

  it("refuses a malformed report naming the file and the JSON path, storing nothing", async () => {
    const refused = await quikship(
      "ci",
      "scan-report",
      broken,
      "--service",
      "web",
      "--digest",
      `sha256:${"cd".repeat(32)}`,
    );
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /broken\.sarif: runs\[0\]\.results\[0\]: names no rule \(ruleId, rule\.id or ruleIndex\)/,
    );
    const none = await quikship("ci", "scan-report", report, "--service", "web");
    assert.equal(none.code, 2, none.stderr);
  });

  it("shows each image's verdict under the gate in `run`, and fails where a report is required and none can match", async () => {
    const deployed = await quikship("deploy", "dev", "--services", "web", "--tag", "v1", "--wait", "--output", "json");
    assert.equal(deployed.code, 0, deployed.stderr);
    const id = parseJson<{ id: string }>(deployed).id;
    const shown = await quikship("run", id);
    assert.match(shown.stdout, /succeeded +security gate of dev\n +web: no scan report \(not required here\)/);

    const live = await quikship("deploy", "live", "--services", "web", "--tag", "v1", "--wait", "--output", "json");
    assert.equal(live.code, 1, live.stderr);
    const failed = await quikship("explain", parseJson<{ id: string }>(live).id);
    assert.match(
      failed.stdout,
      /failed: the security policy of live \(blocks CRITICAL, HIGH\) refuses web has no digest \(registry: none\)/,
    );
  });
});
