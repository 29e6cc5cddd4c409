import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../errors.js";
import { parseScanReport, readScanReport } from "./report.js";

/** A Trivy JSON report as `trivy image --format json` writes it (SchemaVersion 2), trimmed by hand. */
const trivy = {
  SchemaVersion: 2,
  ArtifactName: "registry.local/team/api@sha256:1111",
  ArtifactType: "container_image",
  Results: [
    {
      Target: "registry.local/team/api (debian 12.5)",
      Class: "os-pkgs",
      Type: "debian",
      Vulnerabilities: [
        {
          VulnerabilityID: "CVE-2024-0001",
          PkgName: "openssl",
          InstalledVersion: "3.0.11-1",
          FixedVersion: "3.0.13-1",
          Severity: "CRITICAL",
          Title: "openssl: remote code execution",
        },
        { VulnerabilityID: "CVE-2024-0002", PkgName: "zlib", InstalledVersion: "1.2.13", Severity: "LOW" },
      ],
    },
    {
      Target: "app/package-lock.json",
      Class: "lang-pkgs",
      Vulnerabilities: [
        { VulnerabilityID: "CVE-2024-0001", PkgName: "node-openssl", InstalledVersion: "1.0.0", Severity: "HIGH" },
      ],
      Secrets: [{ RuleID: "aws-access-key-id", Title: "AWS Access Key ID", Severity: "CRITICAL" }],
    },
    {
      Target: "Dockerfile",
      Class: "config",
      Misconfigurations: [{ ID: "DS002", Title: "root user", Severity: "HIGH" }],
    },
  ],
};

/** A SARIF 2.1.0 log shaped as Trivy's `--format sarif` writes it: severity in the rule's tags and score. */
const sarif = {
  version: "2.1.0",
  $schema: "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
  runs: [
    {
      tool: {
        driver: {
          name: "Trivy",
          rules: [
            {
              id: "CVE-2024-0001",
              shortDescription: { text: "openssl: remote code execution" },
              properties: { "security-severity": "9.8", tags: ["vulnerability", "security", "CRITICAL"] },
            },
            { id: "CVE-2024-0003", properties: { tags: ["vulnerability", "MEDIUM"] } },
            { id: "style-rule", defaultConfiguration: { level: "error" } },
          ],
        },
      },
      results: [
        {
          ruleId: "CVE-2024-0001",
          ruleIndex: 0,
          level: "error",
          message: { text: "Package: openssl" },
          locations: [
            { physicalLocation: { artifactLocation: { uri: "usr/lib/libssl.so" }, region: { startLine: 1 } } },
          ],
        },
        { ruleId: "CVE-2024-0003", level: "warning", message: { text: "Package: curl" } },
        { ruleIndex: 2, message: { text: "a style finding" } },
        { ruleId: "no-rule", level: "note", message: { text: "a note" } },
      ],
    },
  ],
};

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error.message;
  }
  assert.fail("expected a refusal");
}

describe("parseScanReport", () => {
  it("reads a Trivy JSON report: vulnerabilities, secrets and misconfigurations, one finding per id at its highest severity", () => {
    const report = parseScanReport(trivy, "trivy.json");
    assert.equal(report.format, "trivy");
    assert.equal(report.tool, "Trivy");
    assert.deepEqual(
      report.findings.map((f) => [f.id, f.severity]),
      [
        ["aws-access-key-id", "CRITICAL"],
        ["CVE-2024-0001", "CRITICAL"],
        ["DS002", "HIGH"],
        ["CVE-2024-0002", "LOW"],
      ],
    );
    const cve = report.findings.find((f) => f.id === "CVE-2024-0001")!;
    assert.equal(cve.title, "openssl: remote code execution");
    assert.deepEqual(cve.locations, [
      "registry.local/team/api (debian 12.5): openssl 3.0.11-1 (fixed in 3.0.13-1)",
      "app/package-lock.json: node-openssl 1.0.0",
    ]);
  });

  it("reads a clean Trivy report without Results as no findings", () => {
    assert.deepEqual(parseScanReport({ SchemaVersion: 2, ArtifactName: "x" }, "clean.json").findings, []);
  });

  it("reads SARIF 2.1.0: severity from the score, the rule's tags, then the level", () => {
    const report = parseScanReport(sarif, "scan.sarif");
    assert.equal(report.format, "sarif");
    assert.equal(report.tool, "Trivy");
    assert.deepEqual(
      report.findings.map((f) => [f.id, f.severity, f.title]),
      [
        ["CVE-2024-0001", "CRITICAL", "openssl: remote code execution"],
        ["style-rule", "HIGH", "a style finding"],
        ["CVE-2024-0003", "MEDIUM", "Package: curl"],
        ["no-rule", "LOW", "a note"],
      ],
    );
    assert.deepEqual(report.findings[0]!.locations, ["usr/lib/libssl.so:1"]);
  });

  it("refuses a SARIF level it does not know, naming the file and the JSON path", () => {
    const bad = structuredClone(sarif);
    (bad.runs[0]!.results[1] as { level: string }).level = "fatal";
    assert.equal(
      refusal(() => parseScanReport(bad, "scan.sarif")),
      'scan.sarif: runs[0].results[1].level: "fatal" is not a SARIF level (error, warning, note, none)',
    );
  });

  it("refuses another SARIF version, a Trivy severity it does not know and a finding without an id", () => {
    assert.match(
      refusal(() => parseScanReport({ ...sarif, version: "2.0.0" }, "a.sarif")),
      /^a\.sarif: version: is "2\.0\.0": quikship reads SARIF 2\.1\.0$/,
    );
    const badSeverity = structuredClone(trivy);
    badSeverity.Results[0]!.Vulnerabilities![1]!.Severity = "SEVERE";
    assert.equal(
      refusal(() => parseScanReport(badSeverity, "t.json")),
      't.json: Results[0].Vulnerabilities[1].Severity: "SEVERE" is not a Trivy severity (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN)',
    );
    const noId = structuredClone(trivy);
    delete (noId.Results[2]!.Misconfigurations![0] as { ID?: string }).ID;
    assert.equal(
      refusal(() => parseScanReport(noId, "t.json")),
      "t.json: Results[2].Misconfigurations[0].ID: expected a string, found nothing",
    );
  });

  it("refuses a document that is neither format, and JSON that does not parse, with its line and column", () => {
    assert.match(
      refusal(() => parseScanReport({ hello: 1 }, "x.json")),
      /^x\.json: \(top\): is neither a SARIF 2\.1\.0 log/,
    );
    assert.match(
      refusal(() => readScanReport('{\n  "runs": [1 2]\n}', "x.json")),
      /^x\.json: 2:14: is not JSON: Expected ',' or ']' after array element$/,
    );
  });
});
