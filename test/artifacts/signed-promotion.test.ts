import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, it } from "node:test";
import { signingKey } from "../../src/artifacts/keys.js";
import { signImage } from "../../src/artifacts/signatures.js";
import type { Platform } from "../../src/config/types.js";
import { RegistryImages } from "../../src/registry/images.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { removeTrees } from "../config/support.js";
import { harness, settle, testPlatform } from "../engine/support.js";
import type { Harness } from "../engine/support.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

const release = generateKeyPairSync("ec", { namedCurve: "P-256" });
const releasePublic = release.publicKey.export({ type: "spki", format: "pem" }).toString();

function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: signed
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev, signatures: { keys: [${JSON.stringify(releasePublic)}] } }
`;
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("signatures required at promotion", (t) => {
  let h: Harness;
  let platform: Platform;
  let images: RegistryImages;
  const repository = `signed-${t.dialect}/api`;

  before(async () => {
    platform = testPlatform(platformFor(registry, repository));
    images = new RegistryImages(() => platform);
    h = await harness(t, { platform, targets: fakeTargets({}, new FakeTarget()), images });
  });

  async function run(request: Parameters<Harness["engine"]["api"]["submit"]>[0]) {
    const submitted = await h.engine.api.submit(request, "alice");
    await settle(h, 250, 12);
    return h.engine.api.get(submitted.id);
  }

  it("refuses to promote an unsigned digest before any gate, and promotes it once quikship signed it with a trusted key", async () => {
    const digest = await pushImage(registry, repository, "v1", { content: `signed ${t.dialect}` });
    const deployed = await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } });
    assert.equal(deployed.status, "succeeded", JSON.stringify(deployed.error));
    const promote = {
      kind: "promote" as const,
      environment: "dev",
      services: ["api"],
      params: { tag: "v1", to: ["qa"] },
    };

    const refused = await run(promote);
    assert.equal(refused.status, "failed");
    assert.match(
      refused.error!.message,
      new RegExp(`unsigned images: api: \\S+/${repository}@${digest} has no signature`),
    );
    const steps = refused.stages.flatMap((s) => s.steps);
    assert.equal(steps.find((s) => s.status === "failed")?.kind, "pin-images");
    assert.deepEqual(await listRevisions(h.db.kysely, "qa", "api"), []);

    const stranger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    await signImage(images.clientFor(platform.services.api!), digest, stranger);
    const untrusted = await run(promote);
    assert.match(untrusted.error!.message, /has 1 signature\(s\), none by a trusted key/);

    await signImage(
      images.clientFor(platform.services.api!),
      digest,
      signingKey(release.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "k"),
    );
    const promoted = await run(promote);
    assert.equal(promoted.status, "succeeded", JSON.stringify(promoted.error));
    assert.equal((await listRevisions(h.db.kysely, "qa", "api"))[0]!.digest, digest);
  });
});
