import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { Platform } from "../../src/config/types.js";
import { RegistryClient } from "../../src/registry/client.js";
import { RegistryImages } from "../../src/registry/images.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { removeTrees } from "../config/support.js";
import { harness, settle, testPlatform } from "../engine/support.js";
import type { Harness } from "../engine/support.js";
import { forEachDatabase } from "../support/databases.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

/** A target that remembers the image each revision was asked to run. */
class RecordingTarget extends FakeTarget {
  readonly asked: { environment: string; service: string; revision: number; image: string }[] = [];
  override ensureRevision(request: RevisionRequest): Promise<void> {
    const image = `${request.service.image}:${request.tag}${request.digest ? `@${request.digest}` : ""}`;
    this.asked.push({
      environment: request.environment.name,
      service: request.service.name,
      revision: request.revision,
      image,
    });
    return super.ensureRevision(request);
  }
  imagesIn(environment: string): string[] {
    return [...new Set(this.asked.filter((a) => a.environment === environment).map((a) => a.image))];
  }
}

function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: pinning
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
  demo: { stack: node, registry: none }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev }
  staging: { tier: preprod, from: qa }
  offline: { tier: nonprod, from: staging, registry: none }
`;
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("digests pinned at deploy and promotion", (t) => {
  let h: Harness;
  let target: RecordingTarget;
  let platform: Platform;

  before(async () => {
    platform = testPlatform(platformFor(registry, `pin-${t.dialect}/api`));
    target = new RecordingTarget();
    h = await harness(t, {
      platform,
      targets: fakeTargets({}, target),
      images: new RegistryImages(() => platform),
    });
  });

  async function run(request: Parameters<Harness["engine"]["api"]["submit"]>[0]) {
    const submitted = await h.engine.api.submit(request, "alice");
    await settle(h, 250, 12);
    return h.engine.api.get(submitted.id);
  }

  it("records the digest of a pushed image dev → qa, and re-tagging in the registry changes neither what qa runs nor what is promoted next", async () => {
    const repo = `pin-${t.dialect}/api`;
    const service = `${registry.host}/${repo}`;
    const first = await pushImage(registry, repo, "v1", { content: `api v1 ${t.dialect}` });
    assert.equal(
      (await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } })).status,
      "succeeded",
    );
    const [dev] = await listRevisions(h.db.kysely, "dev", "api");
    assert.equal(dev!.digest, first);

    const moved = await pushImage(registry, repo, "v1", { content: `api v1 rebuilt ${t.dialect}` });
    assert.notEqual(moved, first);
    const promoted = await run({
      kind: "promote",
      environment: "dev",
      services: ["api"],
      params: { tag: "v1", to: ["qa"] },
    });
    assert.equal(promoted.status, "succeeded", JSON.stringify(promoted.error));
    const [qa] = await listRevisions(h.db.kysely, "qa", "api");
    assert.equal(qa!.digest, first);
    assert.deepEqual(target.imagesIn("qa"), [`${service}:v1@${first}`]);

    const next = await run({
      kind: "promote",
      environment: "qa",
      services: ["api"],
      params: { tag: "v1", to: ["staging"] },
    });
    assert.equal(next.status, "succeeded");
    const [staging] = await listRevisions(h.db.kysely, "staging", "api");
    assert.equal(staging!.digest, first);
    assert.deepEqual(target.imagesIn("staging"), [`${service}:v1@${first}`]);
  });

  it("fails a deploy of a tag the registry does not have before any gate, with the registry's answer", async () => {
    await pushImage(registry, `pin-${t.dialect}/api`, "v1", { content: "again" });
    const failed = await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v404" } });
    assert.equal(failed.status, "failed");
    assert.match(
      failed.error!.message,
      /registry 127\.0\.0\.1:\d+: pin-\w+\/api has no tag v404 \(MANIFEST_UNKNOWN: manifest unknown\)/,
    );
    const steps = failed.stages.flatMap((s) => s.steps);
    assert.equal(steps[0]!.kind, "pin-images");
    assert.equal(steps[0]!.status, "failed");
    const ahead = steps.filter((s) => ["approval", "window", "lock", "revision", "rollout"].includes(s.kind));
    assert.ok(ahead.length >= 3);
    assert.deepEqual([...new Set(ahead.map((s) => s.status))], ["pending"]);
  });

  it("asks no registry for an environment or a service with registry: none", async () => {
    const offline = await run({
      kind: "deploy",
      environment: "offline",
      services: ["api"],
      params: { tag: "anything" },
    });
    assert.equal(offline.status, "succeeded");
    const demo = await run({ kind: "deploy", environment: "dev", services: ["demo"], params: { tag: "local" } });
    assert.equal(demo.status, "succeeded");
    assert.equal((await listRevisions(h.db.kysely, "offline", "api"))[0]!.digest, null);
    assert.equal((await listRevisions(h.db.kysely, "dev", "demo"))[0]!.digest, null);
  });

  it("fails a promotion whose source digest the registry no longer has, naming the image and the digest", async () => {
    const repo = `pin-${t.dialect}/api`;
    const gone = await pushImage(registry, repo, "v2", { content: `api v2 soon deleted ${t.dialect}` });
    const deployed = await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v2" } });
    assert.equal(deployed.status, "succeeded");
    await new RegistryClient({ host: registry.host }).deleteManifest(repo, gone);
    const qaBefore = await listRevisions(h.db.kysely, "qa", "api");

    const failed = await run({
      kind: "promote",
      environment: "dev",
      services: ["api"],
      params: { tag: "v2", to: ["qa"] },
    });
    assert.equal(failed.status, "failed");
    assert.equal(
      failed.error!.message,
      `api: ${registry.host}/${repo}@${gone}, the digest the source revision runs, is no longer in its registry (registry ${registry.host}: ${repo} has no manifest ${gone} (MANIFEST_UNKNOWN: manifest unknown))`,
    );
    const steps = failed.stages.flatMap((s) => s.steps);
    assert.equal(steps.find((s) => s.status === "failed")!.kind, "pin-images");
    assert.deepEqual(await listRevisions(h.db.kysely, "qa", "api"), qaBefore, "qa took nothing");
  });
});

forEachDatabase("a registry that is down", (t) => {
  it("makes a promotion wait while the registry is down, and it runs the source's digest once the registry is back", async (c) => {
    const down = await startRegistry();
    // Stopped in the test once it has served; here too should an assertion fail before that.
    c.after(() => down.stop());
    const host = down.host;
    const pushed = await pushImage(down, "team/api", "v1", { content: `promoted ${t.dialect}` });
    const platform = testPlatform(platformFor(down, "team/api"));
    const h = await harness(t, {
      platform,
      targets: fakeTargets({}, new FakeTarget()),
      images: new RegistryImages(() => platform),
    });
    await h.engine.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    await settle(h, 250, 12);
    assert.equal((await listRevisions(h.db.kysely, "dev", "api"))[0]!.digest, pushed);
    await down.stop({ keepData: true });

    const submitted = await h.engine.api.submit(
      { kind: "promote", environment: "dev", services: ["api"], params: { tag: "v1", to: ["qa"] } },
      "alice",
    );
    await settle(h, 1000, 20);
    const waiting = await h.engine.api.get(submitted.id);
    assert.equal(waiting.status, "waiting");
    assert.match(
      waiting.waitReason!.message,
      new RegExp(`registry ${host.replace(/\./g, "\\.")} is unreachable.*\\(try \\d+\\)`),
    );
    assert.deepEqual(await listRevisions(h.db.kysely, "qa", "api"), []);

    const back = await startRegistry({ dir: down.dir, port: Number(host.split(":")[1]) });
    try {
      await settle(h, 1000, 40);
      const done = await h.engine.api.get(submitted.id);
      assert.equal(done.status, "succeeded", JSON.stringify(done.error));
      assert.equal((await listRevisions(h.db.kysely, "qa", "api"))[0]!.digest, pushed);
    } finally {
      await back.stop();
    }
  });

  it("makes a deploy wait and try again, never fail, and it goes on once the registry is back", async (c) => {
    const down = await startRegistry();
    // Stopped in the test once it has served; here too should an assertion fail before that.
    c.after(() => down.stop());
    const pushed = await pushImage(down, "team/api", "v1", { content: `back ${t.dialect}` });
    const host = down.host;
    await down.stop({ keepData: true });
    const platform = testPlatform(platformFor({ ...down, host }, "team/api"));
    const h = await harness(t, {
      platform,
      targets: fakeTargets({}, new FakeTarget()),
      images: new RegistryImages(() => platform),
    });
    const submitted = await h.engine.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
      "alice",
    );
    await settle(h, 1000, 5);
    const waiting = await h.engine.api.get(submitted.id);
    assert.equal(waiting.status, "waiting");
    assert.match(waiting.waitReason!.message, new RegExp(`registry ${host.replace(/\./g, "\\.")} is unreachable`));
    assert.deepEqual(await listRevisions(h.db.kysely, "dev", "api"), []);

    const back = await startRegistry({ dir: down.dir, port: Number(host.split(":")[1]) });
    try {
      await settle(h, 1000, 40);
      const done = await h.engine.api.get(submitted.id);
      assert.equal(done.status, "succeeded");
      assert.equal((await listRevisions(h.db.kysely, "dev", "api"))[0]!.digest, pushed);
    } finally {
      await back.stop();
    }
  });
});

forEachDatabase("a registry that refuses quikship's credential", (t) => {
  it("fails the run naming the registry and the credential reference, never the password", async () => {
    const secured = await startRegistry({ auth: true });
    try {
      await pushImage(secured, "team/api", "v1", { content: `secured ${t.dialect}` });
      process.env.QUIKSHIP_TEST_REGISTRY_PASSWORD = "not-the-password";
      const platform = testPlatform(
        platformFor(secured, "team/api").replace(
          `registry: { server: "${secured.host}" }`,
          `registry:\n  server: "${secured.host}"\n  credentials: { username: ${secured.auth!.user}, password: { secret: "env:QUIKSHIP_TEST_REGISTRY_PASSWORD" } }`,
        ),
      );
      const h = await harness(t, {
        platform,
        targets: fakeTargets({}, new FakeTarget()),
        images: new RegistryImages(() => platform),
      });
      const submitted = await h.engine.api.submit(
        { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } },
        "alice",
      );
      await settle(h, 250, 12);
      const failed = await h.engine.api.get(submitted.id);
      assert.equal(failed.status, "failed", "a refused credential is not a wait");
      assert.match(
        failed.error!.message,
        new RegExp(
          `registry ${secured.host.replace(/\./g, "\\.")} \\(credentials env:QUIKSHIP_TEST_REGISTRY_PASSWORD\\) refused .*\\(401 unauthorized\\)`,
        ),
      );
      assert.doesNotMatch(JSON.stringify(failed), /not-the-password/);
      assert.deepEqual(await listRevisions(h.db.kysely, "dev", "api"), []);
    } finally {
      delete process.env.QUIKSHIP_TEST_REGISTRY_PASSWORD;
      await secured.stop();
    }
  });
});
