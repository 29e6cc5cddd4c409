import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { pruneRepository } from "../../src/artifacts/prune.js";
import type { PruneResult } from "../../src/artifacts/prune.js";
import type { Environment, Platform, Service } from "../../src/config/types.js";
import type { RunRequest } from "../../src/engine/types.js";
import { NotFoundError } from "../../src/errors.js";
import { RegistryClient } from "../../src/registry/client.js";
import { RegistryImages } from "../../src/registry/images.js";
import type { Images } from "../../src/registry/images.js";
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

function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: race
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
users: { alice: {}, rob: {} }
groups:
  Release Manager: { members: [rob] }
environments:
  dev: { tier: nonprod }
  staging: { tier: preprod, from: dev, approvals: { groups: [Release Manager] } }
`;
}

/** The registry's images, with a hook run once, right after the next tag is resolved: where a prune can slip in. */
class InterleavedImages implements Images {
  afterResolve: ((digest: string) => Promise<void>) | undefined;
  constructor(private readonly inner: RegistryImages) {}
  async resolve(environment: Environment, service: Service, tag: string, signal?: AbortSignal) {
    const digest = await this.inner.resolve(environment, service, tag, signal);
    const hook = this.afterResolve;
    this.afterResolve = undefined;
    if (hook && digest) await hook(digest);
    return digest;
  }
  check(service: Service, digest: string, signal?: AbortSignal) {
    return this.inner.check(service, digest, signal);
  }
  clientFor(service: Service) {
    return this.inner.clientFor(service);
  }
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("registry prune and digest pinning take turns", (t) => {
  let h: Harness;
  let platform: Platform;
  let images: InterleavedImages;
  const repository = `race-${t.dialect}/api`;
  const client = () => new RegistryClient({ host: registry.host });

  before(async () => {
    platform = testPlatform(platformFor(registry, repository));
    images = new InterleavedImages(new RegistryImages(() => platform));
    h = await harness(t, { platform, targets: fakeTargets({}, new FakeTarget()), images });
  });

  /** Prunes every tag nothing keeps, as `registry prune --keep 0` does, with `fence` before each deletion. */
  function prune(fence?: () => Promise<void>): Promise<PruneResult> {
    return pruneRepository({
      db: h.db,
      platform,
      images,
      service: platform.services.api!,
      rules: { keep: 0, keepTags: [] },
      dryRun: false,
      clock: h.clock,
      deletedBy: "registry prune by alice",
      ...(fence ? { fence } : {}),
    });
  }

  async function submit(request: RunRequest): Promise<string> {
    const submitted = await h.engine.api.submit(request, "alice");
    await h.engine.worker.drain();
    return submitted.id;
  }

  const deploy = (environment: string, tag: string): RunRequest => ({
    kind: "deploy",
    environment,
    services: ["api"],
    params: { tag },
  });

  async function exists(digest: string): Promise<boolean> {
    try {
      await client().resolve(repository, digest);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  it("keeps a digest a deploy pinned after the prune planned, and makes a deploy of a digest being deleted wait, then fail naming its tag", async () => {
    const byTag = new Map<string, string>();
    for (const tag of ["a1", "a2"])
      byTag.set(tag, await pushImage(registry, repository, tag, { content: `${tag} ${t.dialect}` }));
    const tagOf = (digest: string) => [...byTag].find(([, d]) => d === digest)![0];
    const runs: { pinnedLate?: string; refused?: string } = {};
    let deleting = "";

    const result = await prune(async () => {
      if (runs.pinnedLate !== undefined) return;
      // The prune holds its first digest and is about to delete it; the other is planned away too.
      const held = await h.db.kysely.selectFrom("digest_deletions").select("digest").execute();
      assert.equal(held.length, 1);
      deleting = held[0]!.digest;
      const other = [...byTag.values()].find((d) => d !== deleting)!;
      runs.pinnedLate = await submit(deploy("staging", tagOf(other)));
      runs.refused = await submit(deploy("dev", tagOf(deleting)));
    });

    const late = await h.engine.api.get(runs.pinnedLate!);
    assert.equal(late.status, "waiting", "staging waits for its approval, its digest pinned");
    const other = [...byTag.values()].find((d) => d !== deleting)!;
    assert.deepEqual(result.deletedDigests, [deleting]);
    assert.deepEqual(
      result.keep.map((k) => [k.tag, k.reasons]),
      [[tagOf(other), [`pinned by run ${runs.pinnedLate}, not finished`]]],
    );
    assert.deepEqual(
      result.remove.map((r) => r.tag),
      [tagOf(deleting)],
    );
    assert.equal(await exists(other), true, "the pinned digest is still in the registry");
    assert.equal(await exists(deleting), false);
    assert.equal(await h.db.kysely.selectFrom("digest_deletions").selectAll().executeTakeFirst(), undefined);

    const refused = await h.engine.api.get(runs.refused!);
    assert.equal(refused.status, "waiting", "a deploy never pins a digest being deleted");
    assert.equal(
      refused.waitReason!.message,
      `api: ${registry.host}/${repository}@${deleting} is being deleted (registry prune by alice); quikship pins tag ${tagOf(deleting)} again once that is done (try 1)`,
    );
    await settle(h, 1000, 5);
    const failed = await h.engine.api.get(runs.refused!);
    assert.equal(failed.status, "failed");
    assert.match(failed.error!.message, new RegExp(`${repository} has no tag ${tagOf(deleting)}`));
    assert.deepEqual(await listRevisions(h.db.kysely, "dev", "api"), []);
    await h.engine.api.cancel(runs.pinnedLate!, "alice");
    await settle(h, 1000, 2);
    // Both runs have finished: the next prune forgets their pins, and keeps nothing for them.
    const pins = () => h.db.kysely.selectFrom("digest_pins").select("run_id").orderBy("run_id").execute();
    assert.deepEqual((await pins()).map((p) => p.run_id).sort(), [runs.pinnedLate!].sort());
    const next = await prune();
    assert.deepEqual(await pins(), []);
    assert.ok(!next.keep.some((k) => k.reasons.some((r) => r.startsWith("pinned by run"))), JSON.stringify(next.keep));
  });

  it("resolves a tag again when a prune deletes its digest between the resolve and the pin, and runs the tag's new digest", async () => {
    const first = await pushImage(registry, repository, "b1", { content: `b1 ${t.dialect}` });
    let pruned: PruneResult | undefined;
    images.afterResolve = async (digest) => {
      assert.equal(digest, first);
      pruned = await prune();
      // CI pushes the tag again, as a rebuild does: a new digest.
      await pushImage(registry, repository, "b1", { content: `b1 rebuilt ${t.dialect}` });
    };
    const id = await submit(deploy("dev", "b1"));
    assert.ok(pruned?.deletedDigests.includes(first), "the prune deleted the digest the deploy had just resolved");
    const waiting = await h.engine.api.get(id);
    assert.equal(waiting.status, "waiting");
    assert.match(
      waiting.waitReason!.message,
      /@sha256:[a-f0-9]{64}, which tag b1 named, was deleted from its registry as it was pinned; quikship resolves the tag again \(try 1\)$/,
    );
    await settle(h, 1000, 5);
    const done = await h.engine.api.get(id);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const rebuilt = await client().resolve(repository, "b1");
    assert.notEqual(rebuilt, first);
    assert.equal((await listRevisions(h.db.kysely, "dev", "api"))[0]!.digest, rebuilt);
  });
});
