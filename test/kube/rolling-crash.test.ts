import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment } from "@kubernetes/client-node";
import { R } from "./double/cluster.js";
import type { KubeServer } from "./server-support.js";
import { KubeApi, startKubeServer } from "./server-support.js";

/**
 * A native rolling update survives a kill -9 of the server: the run resumes on restart, waits on
 * the same rollout and finishes it, and the Deployment was given each revision once (its
 * generation counts one change per revision; a repeated apply of the same object changes none).
 */
const PLATFORM = `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node, image: registry.local/api }
environments:
  dev:
    tier: nonprod
    target: kubernetes
    registry: none
    cluster: dev
    namespace: quikapp-dev
    minReady: 2s
    progressDeadline: 60s
    replicas: { min: 2, max: 2 }
    strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }
`;

let kube: KubeServer;
let api: KubeApi;

before(async () => {
  kube = await startKubeServer(PLATFORM);
  api = new KubeApi(kube);
});
after(() => kube.close());

const live = (): V1Deployment | undefined => kube.double.store.get(R.deployments, "quikapp-dev", "api");

describe("a native rolling update and a kill -9 of the server", () => {
  it("resumes the rollout after the restart and applies each revision once", async () => {
    assert.equal((await api.run("deploy", ["api"], { tag: "v1" })).status, "succeeded");
    assert.equal(live()?.metadata?.generation, 1);
    const run = await api.submit("deploy", ["api"], { tag: "v2" });
    // Killed while the controller rolls: revision 2 applied, its pods not yet available (minReady 2 s).
    const until = Date.now() + 20_000;
    while (live()?.spec?.template.metadata?.labels?.["quikship.io/revision"] !== "2") {
      assert.ok(Date.now() < until, "revision 2 never applied");
      await new Promise((r) => setTimeout(r, 20));
    }
    kube.server.child.kill("SIGKILL");
    await kube.server.exited;
    const mid = live()?.status;
    assert.ok(!(mid?.updatedReplicas === 2 && mid.availableReplicas === 2 && mid.replicas === 2), "killed mid-rollout");
    await kube.restart();
    const view = await api.wait(run.id, undefined, 60_000);
    assert.equal(view.status, "succeeded", JSON.stringify(view.error));
    assert.equal(live()?.metadata?.generation, 2, "revision 2 applied once");
    assert.match(
      await kube.kubectl.ok(["--context", "dev", "rollout", "status", "deploy/api", "--timeout=10s"]),
      /successfully rolled out/,
    );
    const sets = await kube.kubectl.ok(["--context", "dev", "get", "rs", "-o", "name"]);
    assert.equal(sets.trim().split("\n").length, 2);
  });
});
