import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SecurityPolicy } from "../config/types.js";
import type { Finding } from "./findings.js";
import { judgeImage, refusalText } from "./policy.js";
import type { StoredReport } from "./policy.js";

const finding = (id: string, severity: Finding["severity"]): Finding => ({
  id,
  severity,
  title: `${id} title`,
  locations: [],
  more: 0,
});
const report = (...findings: Finding[]): StoredReport => ({
  format: "trivy",
  tool: "Trivy",
  findings,
  receivedAtMs: 1,
});
const image = { service: "api", digest: `sha256:${"a".repeat(64)}` };
const day = (iso: string): number => Date.parse(iso);

const staging: SecurityPolicy = {
  block: ["CRITICAL", "HIGH"],
  requireReport: false,
  allow: [{ id: "CVE-2", until: "2026-12-31", untilMs: day("2026-12-31T23:59:59.999Z"), reason: "no fix yet" }],
};

describe("judgeImage", () => {
  it("blocks the findings of a blocked severity and names them, most severe first", () => {
    const j = judgeImage(
      staging,
      image,
      report(finding("CVE-3", "HIGH"), finding("CVE-1", "CRITICAL"), finding("CVE-9", "LOW")),
      0,
    );
    assert.equal(j.verdict, "blocked");
    assert.equal(j.passes, false);
    assert.deepEqual(
      j.blocking.map((f) => f.id),
      ["CVE-3", "CVE-1"],
    );
    assert.equal(
      refusalText(j, "staging"),
      "api@sha256:aaaaaaaaaaaa…: CVE-3 (HIGH: CVE-3 title), CVE-1 (CRITICAL: CVE-1 title)",
    );
  });

  it("lets an allow-listed finding through until the end of the day it names (UTC), and blocks it from the next", () => {
    const r = report(finding("CVE-2", "CRITICAL"));
    const before = judgeImage(staging, image, r, day("2026-12-31T23:59:00Z"));
    assert.equal(before.verdict, "clear");
    assert.deepEqual(before.allowed, [
      { id: "CVE-2", severity: "CRITICAL", title: "CVE-2 title", until: "2026-12-31", reason: "no fix yet" },
    ]);
    const after = judgeImage(staging, image, r, day("2027-01-01T00:00:00Z"));
    assert.equal(after.verdict, "blocked");
    assert.deepEqual(after.expired, [{ id: "CVE-2", until: "2026-12-31" }]);
    assert.match(
      refusalText(after, "staging")!,
      /CVE-2 \(CRITICAL: CVE-2 title\) \(allowed until 2026-12-31 for CVE-2, expired\)$/,
    );
  });

  it("passes an image without a report unless the policy requires one", () => {
    assert.equal(judgeImage(staging, image, null, 0).passes, true);
    const strict = judgeImage({ ...staging, requireReport: true }, image, null, 0);
    assert.equal(strict.passes, false);
    assert.equal(
      refusalText(strict, "live"),
      "api@sha256:aaaaaaaaaaaa… has no scan report (quikship ci scan-report), and live requires one",
    );
    const untagged = judgeImage({ ...staging, requireReport: true }, { service: "demo", digest: null }, null, 0);
    assert.match(refusalText(untagged, "live")!, /^demo has no digest \(registry: none\)/);
  });

  it("blocks nothing where the policy blocks no severity", () => {
    const j = judgeImage({ ...staging, block: [] }, image, report(finding("CVE-1", "CRITICAL")), 0);
    assert.equal(j.verdict, "clear");
    assert.equal(j.report?.counts.CRITICAL, 1);
  });
});
