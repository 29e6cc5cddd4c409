import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { Environment, Service } from "../../src/config/types.js";
import type { Engine } from "../../src/engine/index.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import { pruneKey } from "../../src/engine/prune-schedule.js";
import { RegistryClient } from "../../src/registry/client.js";
import { RegistryImages } from "../../src/registry/images.js";
import type { Images } from "../../src/registry/images.js";
import type { Db } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import { claimReadyRun } from "../../src/store/runs/claim.js";
import { findOccurrence } from "../../src/store/schedule/occurrences.js";
import { removeTrees } from "../config/support.js";
import { harness, START, testPlatform } from "../engine/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

/** Tags and when their images were made; the clock starts at 2026-11-16T15:00Z. */
const CREATED = {
  old1: "2026-09-01T00:00:00Z",
  old2: "2026-09-02T00:00:00Z",
  old3: "2026-09-03T00:00:00Z",
  young: "2026-11-10T00:00:00Z",
  newest: "2026-11-15T00:00:00Z",
} as const;
type Tag = keyof typeof CREATED;
const LEASE_MS = 30_000;
/** The first time of the schedule after the start: 03:00 UTC the next day. */
const FIRST = Date.parse("2026-11-17T03:00:00Z");

function platformText(registry: TestRegistry, repository: string): string {
  return `version: 1
name: pruning
registry:
  server: "${registry.host}"
  retention: { keep: 1, olderThan: 30d, schedule: { cron: "0 3 * * *", timezone: UTC } }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
  demo: { stack: node, registry: none }
environments:
  dev: { tier: nonprod, historyLimit: 1 }
  live: { tier: prod, from: dev }
`;
}

/**
 * The registry as one server sees it: counts the manifests it deletes, and can hold the read of
 * one image's config (a server paused in the step, after it listed the tags).
 */
class WatchedImages implements Images {
  readonly deletions: string[] = [];
  pauseAt: { digest: string; entered(): void; gate: Promise<void> } | undefined;
  constructor(private readonly inner: RegistryImages) {}

  resolve(environment: Environment, service: Service, tag: string, signal?: AbortSignal) {
    return this.inner.resolve(environment, service, tag, signal);
  }
  check(service: Service, digest: string, signal?: AbortSignal) {
    return this.inner.check(service, digest, signal);
  }
  clientFor(service: Service) {
    const found = this.inner.clientFor(service);
    const real = found.client;
    const client = Object.create(real) as RegistryClient;
    client.config = async (repository, reference, signal) => {
      const pause = this.pauseAt;
      if (pause && reference === pause.digest) {
        this.pauseAt = undefined;
        pause.entered();
        await pause.gate;
      }
      return real.config(repository, reference, signal);
    };
    client.deleteManifest = async (repository, digest, signal) => {
      this.deletions.push(digest);
      return real.deleteManifest(repository, digest, signal);
    };
    return { ...found, client };
  }
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

interface Servers {
  a: Engine;
  b: Engine;
  imagesA: WatchedImages;
  imagesB: WatchedImages;
  db: Db;
  clock: ManualClock;
  repository: string;
  digests: Record<Tag, string>;
}

let rounds = 0;

/** Two servers on one database and one clock; five tags pushed; old3 deployed to dev. */
async function twoServers(t: TestDatabase): Promise<Servers> {
  const repository = `sched-${t.dialect}-${++rounds}/api`;
  const digests = {} as Record<Tag, string>;
  for (const [tag, created] of Object.entries(CREATED))
    digests[tag as Tag] = await pushImage(registry, repository, tag, { content: `${repository} ${tag}`, created });
  const url = await t.createDatabase();
  const db = await t.open(url);
  await migrate(db);
  const clock = new ManualClock(START);
  const platform = testPlatform(platformText(registry, repository));
  const server = async (owner: string, images: Images): Promise<Engine> =>
    createEngine({
      db: await t.open(url),
      platform,
      clock,
      targets: fakeTargets({}),
      images,
      owner,
      leaseMs: LEASE_MS,
    });
  const imagesA = new WatchedImages(new RegistryImages(() => platform));
  const imagesB = new WatchedImages(new RegistryImages(() => platform));
  const s = { a: await server("server-a", imagesA), b: await server("server-b", imagesB) };
  const deploy = await s.a.api.submit(
    { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "old3" } },
    "alice",
  );
  for (let i = 0; i < 40 && (await s.a.api.get(deploy.id)).status !== "succeeded"; i++) {
    await s.a.worker.drain();
    clock.advance(250);
  }
  assert.equal((await s.a.api.get(deploy.id)).status, "succeeded");
  return { ...s, imagesA, imagesB, db, clock, repository, digests };
}

/** Both servers look once (the first look starts from now), then the clock goes past `atMs`. */
async function reach(s: Servers, atMs: number): Promise<void> {
  await Promise.all([s.a.prune.tick(), s.b.prune.tick()]);
  s.clock.set(atMs + 1000);
}

const prunes = (e: Engine) => e.api.list({ kind: "registry-prune" });
const tagsLeft = async (s: Servers) => (await new RegistryClient({ host: registry.host }).tags(s.repository)).sort();

forEachDatabase("registry prune on the server's timers", (t) => {
  it("submits nothing on a server that asks no registry (server --local)", async () => {
    const platform = testPlatform(platformText(registry, "offline/api"));
    const h = await harness(t, { platform });
    await h.engine.prune.tick();
    h.clock.set(FIRST + 1000);
    await h.engine.timers();
    assert.deepEqual(await prunes(h.engine), []);
  });

  it("two servers submit one registry-prune run per time of the schedule, and it deletes old tags beyond the kept ones", async () => {
    const s = await twoServers(t);
    await reach(s, FIRST);
    await Promise.all([s.a.timers(), s.b.timers(), s.a.timers(), s.b.timers()]);
    const [run, ...more] = await prunes(s.a);
    assert.equal(more.length, 0, "of four looks by two servers, one run");
    assert.deepEqual(
      [run?.actor, run?.environment, run?.services],
      ["quikship", "live", ["api"]],
      "by quikship, of every service in the platform's registry, listed under the last rung",
    );
    const occurrence = await findOccurrence(s.db.kysely, pruneKey(FIRST));
    assert.equal(occurrence?.run_id, run?.id);

    await Promise.all([s.a.worker.drain(), s.b.worker.drain()]);
    const done = await s.b.api.get(run?.id ?? "");
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const output = done.stages[0]?.steps[0]?.output as {
      deleted: { tag: string }[];
      kept: { tag: string; reasons: string[] }[];
      deletedDigests: string[];
    };
    assert.deepEqual(output.deleted.map((d) => d.tag).sort(), ["old1", "old2"]);
    assert.deepEqual(Object.fromEntries(output.kept.map((k) => [k.tag, k.reasons])), {
      newest: ["one of the 1 newest"],
      young: ["created 2026-11-10T00:00:00.000Z, not older than 30d"],
      old3: ["runs in dev (revision 1)"],
    });
    assert.deepEqual(output.deletedDigests.sort(), [s.digests.old1, s.digests.old2].sort());
    assert.deepEqual([...s.imagesA.deletions, ...s.imagesB.deletions].sort(), output.deletedDigests, "each once");
    assert.deepEqual(await tagsLeft(s), ["newest", "old3", "young"]);

    // Later looks in the same day start nothing; the next day's time is a run of its own.
    s.clock.advance(3_600_000);
    await Promise.all([s.a.timers(), s.b.timers()]);
    assert.equal((await prunes(s.a)).length, 1);
    s.clock.set(FIRST + 86_400_000 + 1000);
    await Promise.all([s.a.timers(), s.b.timers()]);
    const runs = await prunes(s.a);
    assert.equal(runs.length, 2);
    assert.equal((await findOccurrence(s.db.kysely, pruneKey(FIRST + 86_400_000)))?.run_id, runs[0]?.id);
  });

  it("survives the death of the server that submitted and claimed it: the other prunes after the lease", async () => {
    const s = await twoServers(t);
    await reach(s, FIRST);
    await s.a.timers();
    const [run] = await prunes(s.a);
    assert.ok(run);
    // Server a claims the run, as its worker would, and dies before executing anything.
    const claimed = await claimReadyRun(s.db.kysely, s.db.dialect, {
      owner: "server-a",
      now: s.clock.now(),
      leaseMs: LEASE_MS,
    });
    assert.equal(claimed?.id, run.id);
    assert.equal(await s.b.worker.drain(), 0, "held by a while its lease runs");
    await s.b.timers();
    assert.equal((await prunes(s.b)).length, 1, "b's look submits nothing more");
    s.clock.advance(LEASE_MS + 1);
    await s.b.worker.drain();
    assert.equal((await s.b.api.get(run.id)).status, "succeeded");
    assert.deepEqual(s.imagesB.deletions.sort(), [s.digests.old1, s.digests.old2].sort());
    assert.deepEqual(await tagsLeft(s), ["newest", "old3", "young"]);
  });

  it("fences the deletions of a server paused past its lease: the server that took the run deletes, once", async () => {
    const s = await twoServers(t);
    await reach(s, FIRST);
    await s.a.timers();
    const [run] = await prunes(s.a);
    let resume = (): void => undefined;
    let entered = (): void => undefined;
    const inStep = new Promise<void>((resolve) => (entered = resolve));
    s.imagesA.pauseAt = { digest: s.digests.newest, entered, gate: new Promise<void>((r) => (resume = r)) };
    const pausedA = s.a.worker.drain();
    await inStep;
    // server-a is paused after listing the tags, past its lease; server-b takes the run.
    await s.db.kysely
      .updateTable("runs")
      .set({ lease_expires_at: s.clock.now() })
      .where("id", "=", run?.id ?? "")
      .execute();
    await s.b.worker.drain();
    assert.equal((await s.b.api.get(run?.id ?? "")).status, "succeeded");
    assert.deepEqual(s.imagesB.deletions.sort(), [s.digests.old1, s.digests.old2].sort());
    resume();
    await pausedA;
    assert.deepEqual(s.imagesA.deletions, [], "server-a deleted nothing after it resumed");
    assert.equal((await s.a.api.get(run?.id ?? "")).status, "succeeded");
    assert.deepEqual(await tagsLeft(s), ["newest", "old3", "young"]);
  });
});
