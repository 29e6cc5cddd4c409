import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, it } from "node:test";
import type { ArtifactView } from "../../src/api/artifact-schemas.js";
import type { Platform } from "../../src/config/types.js";
import { keyId } from "../../src/artifacts/keys.js";
import { attestProvenance, provenanceStatement } from "../../src/artifacts/provenance.js";
import { signImage } from "../../src/artifacts/signatures.js";
import { RegistryImages } from "../../src/registry/images.js";
import { toJson } from "../../src/store/json.js";
import { removeTrees } from "../config/support.js";
import { startEngineApp } from "../api/engine-app.js";
import type { EngineApp } from "../api/engine-app.js";
import { forEachDatabase } from "../support/databases.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const publicPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();

function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: show
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
users: { alice: {} }
groups:
  Developers: { members: [alice] }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev, signatures: { keys: [${JSON.stringify(publicPem)}] } }
`;
}

/** The platform the app was started with. */
let shown: Platform | undefined;

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("artifacts show", (t) => {
  let e: EngineApp;
  let digest: string;
  const repository = `show-${t.dialect}/api`;

  before(async () => {
    digest = await pushImage(registry, repository, "v1", {
      content: `show ${t.dialect}`,
      labels: { "org.opencontainers.image.revision": "abc123" },
    });
    let images: RegistryImages | undefined;
    e = await startEngineApp(t, platformFor(registry, repository), {
      images: (platform) => {
        shown = platform;
        return (images = new RegistryImages(() => platform));
      },
    });
    const run = await e.engine.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    await e.settle(12);
    assert.equal((await e.engine.api.get(run.id)).status, "succeeded");
    const image = images!.clientFor(shown!.services.api!);
    await signImage(image, digest, pair.privateKey);
    const statement = provenanceStatement(
      image.name,
      {
        version: 1,
        service: "api",
        tag: "v1",
        image: "api:v1",
        digest,
        source: { branch: "main" },
        commit: "a".repeat(40),
        commitTime: "2026-12-01T10:00:00Z",
        builder: "buildah",
        startedAt: "2026-12-01T10:01:00Z",
        finishedAt: "2026-12-01T10:02:00Z",
        steps: [],
      },
      { builderId: "https://ci.example/run/7", sourceUri: undefined },
    );
    await attestProvenance(image, digest, statement, pair.privateKey);
    await e.db.kysely
      .insertInto("scan_reports")
      .values({
        service: "api",
        digest,
        format: "trivy",
        tool: "Trivy",
        findings: toJson([
          { id: "CVE-1", severity: "HIGH" },
          { id: "CVE-2", severity: "HIGH" },
          { id: "CVE-3", severity: "LOW" },
        ]),
        actor: "ci",
        received_at: 1000,
      })
      .execute();
  });
  after(() => e.close());

  it("shows a tag's digest, labels, where it runs, its verified signature and provenance, and the scan summary", async () => {
    const response = await e.as("alice", { method: "GET", url: "/v1/artifacts/api?reference=v1" });
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<ArtifactView>();
    const id = keyId(pair.publicKey);
    assert.equal(view.digest, digest);
    assert.deepEqual(view.tags, ["v1"]);
    assert.deepEqual(view.labels, { "org.opencontainers.image.revision": "abc123" });
    assert.equal(view.platform, "linux/amd64");
    assert.deepEqual(
      view.runs.map((r) => [r.environment, r.revision, r.tag, r.status]),
      [["dev", 1, "v1", "active"]],
    );
    assert.deepEqual(view.signatures, [{ status: "verified", keyId: id, keySource: "inline" }]);
    assert.deepEqual(view.provenance, [
      {
        predicateType: "https://slsa.dev/provenance/v1",
        builderId: "https://ci.example/run/7",
        commit: "a".repeat(40),
        buildType: "https://quikship.dev/provenance/ci-build/v1",
        verifiedBy: id,
      },
    ]);
    assert.deepEqual(view.scan, { tool: "Trivy", format: "trivy", receivedAt: 1000, counts: { HIGH: 2, LOW: 1 } });
  });

  it("shows, given only the service, the digest the furthest environment runs; an unknown tag is a 404 with the registry's answer", async () => {
    const response = await e.as("alice", { method: "GET", url: "/v1/artifacts/api" });
    assert.equal(response.json<ArtifactView>().digest, digest);
    const missing = await e.as("alice", { method: "GET", url: "/v1/artifacts/api?reference=v404" });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json<{ error: { message: string } }>().error.message, /has no tag v404 \(MANIFEST_UNKNOWN/);
  });
});
