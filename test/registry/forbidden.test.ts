import assert from "node:assert/strict";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, it } from "node:test";
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

/**
 * A forbidding proxy: a loopback HTTP proxy in front of the real registry that passes every
 * request through, except that while `forbid` is set it answers each repository request 403 with
 * the distribution spec's DENIED error, as a registry does for a credential without access.
 */
interface ForbiddingProxy {
  host: string;
  forbid: boolean;
  close(): Promise<void>;
}

async function forbiddingProxy(upstream: TestRegistry): Promise<ForbiddingProxy> {
  const [upstreamHost, upstreamPort] = upstream.host.split(":");
  const proxy: ForbiddingProxy = { host: "", forbid: false, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    if (proxy.forbid && req.url !== undefined && req.url.startsWith("/v2/") && req.url !== "/v2/") {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "DENIED", message: "requested access to the resource is denied" }] }));
      return;
    }
    const options = { host: upstreamHost, port: Number(upstreamPort), path: req.url, method: req.method };
    const forward = request({ ...options, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return proxy;
}

function platformFor(proxy: ForbiddingProxy, repository: string): string {
  return `version: 1
name: forbidden
registry:
  server: "${proxy.host}"
  credentials: { username: quikship, password: { secret: "env:QUIKSHIP_TEST_REGISTRY_TOKEN" } }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${proxy.host}/${repository}" }
environments:
  dev: { tier: nonprod }
  qa: { tier: nonprod, from: dev }
`;
}

let registry: TestRegistry;
let proxy: ForbiddingProxy;
before(async () => {
  registry = await startRegistry();
  proxy = await forbiddingProxy(registry);
  process.env.QUIKSHIP_TEST_REGISTRY_TOKEN = "a-registry-token-never-shown";
});
after(async () => {
  delete process.env.QUIKSHIP_TEST_REGISTRY_TOKEN;
  await proxy.close();
  await registry.stop();
});

forEachDatabase("a registry that forbids quikship's access (403)", (t) => {
  let h: Harness;
  const repository = `forbidden-${t.dialect}/api`;

  before(async () => {
    await pushImage(registry, repository, "v1", { content: `forbidden ${t.dialect}` });
    const platform = testPlatform(platformFor(proxy, repository));
    h = await harness(t, {
      platform,
      targets: fakeTargets({}, new FakeTarget()),
      images: new RegistryImages(() => platform),
    });
  });

  async function run(request: Parameters<Harness["engine"]["api"]["submit"]>[0]) {
    const submitted = await h.engine.api.submit(request, "alice");
    await settle(h, 250, 12);
    return h.engine.api.get(submitted.id);
  }

  /** The refusal names the registry, the credential reference and the request (a HEAD's answer has no body to quote). */
  const refusal = (what: string) =>
    new RegExp(
      `^registry ${proxy.host.replace(/\./g, "\\.")} \\(credentials env:QUIKSHIP_TEST_REGISTRY_TOKEN\\) may not (GET|HEAD) /v2/${repository}/manifests/${what} (\\(DENIED: requested access to the resource is denied\\) )?\\(403 forbidden\\)$`,
    );

  it("fails a deploy at once, not as a retryable wait, naming the registry and the credential reference", async () => {
    proxy.forbid = true;
    try {
      const failed = await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } });
      assert.equal(failed.status, "failed", "a forbidden repository is not a wait");
      assert.match(failed.error!.message, refusal("v1"));
      const pin = failed.stages[0]!.steps[0]!;
      assert.deepEqual([pin.kind, pin.status, pin.attempts], ["pin-images", "failed", 1]);
      assert.doesNotMatch(JSON.stringify(failed), /a-registry-token-never-shown/);
      assert.deepEqual(await listRevisions(h.db.kysely, "dev", "api"), []);
    } finally {
      proxy.forbid = false;
    }
  });

  it("fails a promotion whose source digest the registry forbids, before any gate, and records nothing in the target", async () => {
    const deployed = await run({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } });
    assert.equal(deployed.status, "succeeded", JSON.stringify(deployed.error));
    const [dev] = await listRevisions(h.db.kysely, "dev", "api");
    proxy.forbid = true;
    try {
      const failed = await run({
        kind: "promote",
        environment: "dev",
        services: ["api"],
        params: { tag: "v1", to: ["qa"] },
      });
      assert.equal(failed.status, "failed");
      assert.match(failed.error!.message, refusal(dev!.digest!));
      assert.doesNotMatch(JSON.stringify(failed), /a-registry-token-never-shown/);
      assert.deepEqual(await listRevisions(h.db.kysely, "qa", "api"), []);
    } finally {
      proxy.forbid = false;
    }
  });
});
