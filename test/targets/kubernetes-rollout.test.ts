import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import YAML from "yaml";
import type { ClusterConnection } from "../../src/targets/kubernetes/connection.js";
import { awaitRollout } from "../../src/targets/kubernetes/rollout.js";
import type { KubeDouble } from "../kube/double/index.js";
import type { DeploymentFixture } from "../kube/fixtures.js";
import { deploymentYaml } from "../kube/fixtures.js";
import { startDevCluster } from "./kubernetes-support.js";
import type { DevCluster } from "./kubernetes-support.js";

let double: KubeDouble;
let connection: ClusterConnection;

let cluster: DevCluster;

before(async () => {
  cluster = await startDevCluster();
  ({ double, connection } = cluster);
});

after(() => cluster.stop());

function deployment(d: DeploymentFixture): KubernetesObject {
  const obj = YAML.parse(deploymentYaml(d)) as V1Deployment;
  return { ...obj, metadata: { ...obj.metadata, namespace: "quikapp-dev" } };
}

describe("waiting for a Deployment's rollout by watching it", () => {
  it("completes once minReadySeconds pass on the cluster's clock, through one watch", async () => {
    await connection.apply([deployment({ name: "auth", image: "auth:v1", minReadySeconds: 30 })]);
    const watches = double.store.watching("deployments");
    const done = awaitRollout(connection, "quikapp-dev", "auth", AbortSignal.timeout(10_000));
    await double.store.watchOpened("deployments");
    assert.equal(double.store.watching("deployments"), watches + 1);
    double.advance(30_000);
    assert.deepEqual(await done, { kind: "complete" });
  });

  it("answers at once for a rollout already complete", async () => {
    assert.deepEqual(await awaitRollout(connection, "quikapp-dev", "auth", AbortSignal.timeout(10_000)), {
      kind: "complete",
    });
  });

  it("fails when the Progressing condition says the deadline passed", async () => {
    await connection.apply([deployment({ name: "worker", image: "worker:v1-crash", progressDeadlineSeconds: 60 })]);
    const done = awaitRollout(connection, "quikapp-dev", "worker", AbortSignal.timeout(10_000));
    await double.store.watchOpened("deployments");
    double.advance(61_000);
    assert.deepEqual(await done, { kind: "failed", message: 'deployment "worker" exceeded its progress deadline' });
  });

  it("stops waiting, without an error, when the signal aborts", async () => {
    await connection.apply([deployment({ name: "slow", image: "slow:v1", minReadySeconds: 600 })]);
    const abort = new AbortController();
    const done = awaitRollout(connection, "quikapp-dev", "slow", abort.signal);
    await double.store.watchOpened("deployments");
    abort.abort();
    assert.equal(await done, undefined);
  });
});
