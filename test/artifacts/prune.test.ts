import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { PruneView } from "../../src/api/artifact-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { RegistryClient } from "../../src/registry/client.js";
import { RegistryImages } from "../../src/registry/images.js";
import { removeTrees } from "../config/support.js";
import { startEngineApp } from "../api/engine-app.js";
import type { EngineApp } from "../api/engine-app.js";
import { forEachDatabase } from "../support/databases.js";
import { uploadImage } from "../support/oci-push.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

after(removeTrees);

const TAGS = Array.from({ length: 40 }, (_, i) => `t${String(i + 1).padStart(2, "0")}`);

function platformFor(registry: TestRegistry, repository: string): string {
  return `version: 1
name: prune
registry: { server: "${registry.host}", retention: { keep: 5, keepTags: ["t2?"] } }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/${repository}" }
  demo: { stack: node, registry: none }
users: { alice: {} }
groups:
  Developers: { members: [alice] }
environments:
  dev: { tier: nonprod, historyLimit: 3 }
  qa: { tier: nonprod, from: dev, historyLimit: 2 }
`;
}

let registry: TestRegistry;
before(async () => {
  registry = await startRegistry();
});
after(() => registry.stop());

forEachDatabase("registry prune", (t) => {
  let e: EngineApp;
  const repository = `prune-${t.dialect}/api`;
  const digests = new Map<string, string>();

  before(async () => {
    // Forty pushes, a few at a time: "newest" is by the image's created time, then by tag, not by push order.
    const queue = [...TAGS];
    const pusher = async (): Promise<void> => {
      for (let tag = queue.shift(); tag !== undefined; tag = queue.shift())
        digests.set(tag, await uploadImage(registry, repository, tag, { content: `${tag} ${t.dialect}` }));
    };
    await Promise.all(Array.from({ length: 4 }, pusher));
    e = await startEngineApp(t, platformFor(registry, repository), {
      images: (platform) => new RegistryImages(() => platform),
    });
    // dev: t01..t05 (t03, t04 within historyLimit 3 behind t05, which runs); qa: t10..t12.
    for (const [environment, tags] of [
      ["dev", ["t01", "t02", "t03", "t04", "t05"]],
      ["qa", ["t10", "t11", "t12"]],
    ] as const)
      for (const tag of tags) {
        const run = await e.engine.api.submit(
          { kind: "deploy", environment, services: ["api"], params: { tag } },
          "alice",
        );
        await e.settle(12);
        assert.equal((await e.engine.api.get(run.id)).status, "succeeded", `${environment} ${tag}`);
      }
  });
  after(() => e.close());

  const prune = (user: "admin" | "alice", payload: Record<string, unknown>) =>
    e.as(user, { method: "POST", url: "/v1/registry/prune", payload: { service: "api", ...payload } });

  it("keeps, with 40 tags, every rollback candidate, the newest and the tags matching keepTags in a dry run, lists the rest, and deletes nothing", async () => {
    const response = await prune("admin", { dryRun: true });
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<PruneView>();
    const why = Object.fromEntries(view.kept.map((k) => [k.tag, k.reasons]));
    assert.deepEqual(why.t05, ["runs in dev (revision 5)"]);
    assert.deepEqual(why.t04, ["rollback candidate in dev (revision 4)"]);
    assert.deepEqual(why.t03, ["rollback candidate in dev (revision 3)"]);
    assert.deepEqual(why.t12, ["runs in qa (revision 3)"]);
    assert.deepEqual(why.t11, ["rollback candidate in qa (revision 2)"]);
    assert.deepEqual(why.t40, ["one of the 5 newest"]);
    assert.deepEqual(why.t25, ["matches t2?"]);
    const expectedKept = ["t03", "t04", "t05", "t11", "t12", ...TAGS.slice(19, 29), ...TAGS.slice(35)];
    assert.deepEqual(view.kept.map((k) => k.tag).sort(), expectedKept.sort());
    assert.deepEqual(
      view.deleted.map((d) => d.tag).sort(),
      TAGS.filter((tag) => !expectedKept.includes(tag)),
    );
    assert.ok(view.deleted.some((d) => d.tag === "t01") && view.deleted.some((d) => d.tag === "t10"));
    assert.deepEqual(view.deletedDigests, []);
    const client = new RegistryClient({ host: registry.host });
    assert.equal((await client.tags(repository)).length, 40);
  });

  it("refuses a non-administrator and a malformed keep with the one error body, and deletes nothing", async () => {
    const forbidden = await prune("alice", { dryRun: false });
    assert.equal(forbidden.statusCode, 403);
    const bad = await prune("admin", { keep: -1 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: { kind: string } }>().error.kind, "input");
    assert.equal((await new RegistryClient({ host: registry.host }).tags(repository)).length, 40);
  });

  it("takes a registry-prune run only from an administrator; a dry-run run shows what it would delete and deletes nothing", async () => {
    const body = { kind: "registry-prune", environment: "qa", services: [], params: { dryRun: true } };
    const refused = await e.as("alice", { method: "POST", url: "/v1/runs", payload: body });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.json<{ error: { message: string } }>().error.message, /not an administrator/);
    const unknown = await e.as("admin", { method: "POST", url: "/v1/runs", payload: { ...body, params: { keep: 1 } } });
    assert.equal(unknown.statusCode, 400);
    const offline = await e.as("admin", { method: "POST", url: "/v1/runs", payload: { ...body, services: ["demo"] } });
    assert.equal(offline.statusCode, 400);
    assert.match(
      offline.json<{ error: { message: string } }>().error.message,
      /^demo's image \S+ is not in the platform's registry \S+ \(registry: none\)/,
    );
    assert.deepEqual(await e.engine.api.list({ kind: "registry-prune" }), [], "nothing stored");
    const submitted = await e.as("admin", { method: "POST", url: "/v1/runs", payload: body });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const id = submitted.json<{ id: string }>().id;
    await e.settle(4);
    const shown = await e.as("alice", { method: "GET", url: `/v1/runs/${id}` });
    const run = shown.json<RunView>();
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    assert.deepEqual(run.services, ["api"]);
    const output = run.stages[0]?.steps[0]?.output as { dryRun: boolean; deleted: { tag: string }[]; kept: unknown[] };
    assert.equal(output.dryRun, true);
    assert.equal(output.deleted.length + output.kept.length, 40);
    assert.ok(output.deleted.some((d) => d.tag === "t01"));
    const kept = (output.kept as { tag: string; reasons: string[] }[]).find((k) => k.tag === "t05");
    assert.deepEqual(kept?.reasons, ["runs in dev (revision 5)"], "the API shows why each tag is kept");
    assert.equal((await new RegistryClient({ host: registry.host }).tags(repository)).length, 40);
  });

  it("deletes what it listed, after which the registry has exactly the kept tags and every revision's digest", async () => {
    const response = await prune("admin", { keep: 2 });
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<PruneView>();
    assert.match(view.message, /garbage collection/);
    const client = new RegistryClient({ host: registry.host });
    const left = (await client.tags(repository)).sort();
    assert.deepEqual(left, view.kept.map((k) => k.tag).sort());
    for (const tag of ["t03", "t04", "t05", "t11", "t12", "t39", "t40"]) assert.ok(left.includes(tag), tag);
    assert.ok(!left.includes("t38") && !left.includes("t01"));
    await client.resolve(repository, digests.get("t04")!);
    await assert.rejects(client.resolve(repository, digests.get("t01")!), /has no manifest/);
  });
});
