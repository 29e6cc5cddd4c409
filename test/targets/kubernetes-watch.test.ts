import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { after, before, describe, it } from "node:test";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import YAML from "yaml";
import type { Environment } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { storedManifests } from "../../src/server/manifests.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import { WatchedNamespace } from "../../src/targets/kubernetes/watched.js";
import { R } from "../kube/double/cluster.js";
import type { KubeDouble } from "../kube/double/index.js";
import { deploymentYaml } from "../kube/fixtures.js";
import type { KubeTargetRig } from "./kubernetes-support.js";
import { quikappEnvironment, revisionRequest, startKubeTarget } from "./kubernetes-support.js";
import { startDevCluster } from "./kubernetes-support.js";
import type { DevCluster } from "./kubernetes-support.js";

const MANAGED = "app.kubernetes.io/managed-by=quikship";

/** Waits (a few seconds at most) until `check` passes: a watch's events arrive on their own. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > until) assert.fail("not within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the kubernetes target watching its namespace", () => {
  let rig: KubeTargetRig;
  let target: KubernetesTarget;
  let dev: Environment;

  before(async () => {
    rig = await startKubeTarget(["dev"], { podStartMs: 5_000 });
    dev = quikappEnvironment(rig.platform, "dev");
    const config = loadKubeConfig(join(rig.dir, "kubeconfig"));
    target = new KubernetesTarget(
      (environment) => ClusterConnection.open(environment, config),
      new ManualClock(Date.parse("2026-12-01T10:00:00Z")),
      undefined,
      storedManifests(rig.db, () => rig.platform),
      { statusReuseMs: 1_000, watch: true },
    );
  });

  after(async () => {
    target.close();
    await rig.close();
  });

  it("follows a rollout to ready from its watch, reading nothing from the API server while it waits", async () => {
    const service = rig.platform.services["auth-service"]!;
    const revision = await rig.revision(dev, service, "v1.0.0");
    await target.ensureRevision(revisionRequest(dev, service, revision, "v1.0.0", 2), AbortSignal.timeout(10_000));
    await target.setWeights(dev, service, { [revision]: 100 });
    const first = await target.status(dev, service);
    assert.deepEqual(
      first.revisions.map((r) => [r.revision, r.desired, r.ready]),
      [[revision, 2, 0]],
    );
    const asked = rig.double.requests.length;
    rig.double.advance(5_000 + dev.minReadyMs);
    await eventually(async () => (await target.status(dev, service)).revisions[0]?.ready === 2);
    const reads = rig.double.requests.slice(asked).filter((r) => r.verb === "get" || r.verb === "list");
    assert.deepEqual(reads, [], "requests while waiting");
  });

  it("answers a deploy's reads from the watch: a second deploy of a service lists nothing", async () => {
    const service = rig.platform.services["user-service"]!;
    const first = await rig.revision(dev, service, "v1.0.0");
    await target.ensureRevision(revisionRequest(dev, service, first, "v1.0.0", 2), AbortSignal.timeout(10_000));
    await target.setWeights(dev, service, { [first]: 100 });
    const asked = rig.double.requests.length;
    const second = await rig.revision(dev, service, "v1.1.0");
    await target.ensureRevision(revisionRequest(dev, service, second, "v1.1.0", 2), AbortSignal.timeout(10_000));
    await target.setWeights(dev, service, { [second]: 100 });
    const verbs = new Set(rig.double.requests.slice(asked).map((r) => r.verb));
    assert.deepEqual([...verbs].sort(), ["patch"]);
    const status = await target.status(dev, service);
    assert.deepEqual(status.weights, { [second]: 100 });
    assert.deepEqual(
      status.revisions.map((r) => r.revision),
      [first, second],
    );
  });

  it("follows a native rolling update from its watch: applied once, its progress and status read nothing while it waits", async () => {
    const service = rig.platform.services["thread-service"]!;
    const signal = AbortSignal.timeout(10_000);
    const first = await rig.revision(dev, service, "v1.0.0");
    await target.rollOut(revisionRequest(dev, service, first, "v1.0.0", 2), signal);
    rig.double.advance(5_000 + dev.minReadyMs);
    await eventually(async () => (await target.rolloutProgress(dev, service, first)).state === "complete");
    const second = await rig.revision(dev, service, "v1.1.0");
    await target.rollOut(revisionRequest(dev, service, second, "v1.1.0", 2), signal);
    const generation = (
      rig.double.store.get(R.deployments, "quikapp-dev", "thread-service")?.metadata as { generation?: number }
    )?.generation;
    const asked = rig.double.requests.length;
    // A repeated apply (a step resumed after a crash) changes nothing: the same generation.
    await target.rollOut(revisionRequest(dev, service, second, "v1.1.0", 2), signal);
    const live = rig.double.store.get(R.deployments, "quikapp-dev", "thread-service");
    assert.equal((live?.metadata as { generation?: number } | undefined)?.generation, generation);
    assert.deepEqual((await target.rolloutProgress(dev, service, second)).state, "progressing");
    for (let i = 0; i < 4; i++) {
      rig.double.advance(5_000 + dev.minReadyMs);
      await eventually(async () => (await target.status(dev, service)).revisions.some((r) => r.revision === second));
    }
    await eventually(async () => (await target.rolloutProgress(dev, service, second)).state === "complete");
    const reads = rig.double.requests.slice(asked).filter((r) => r.verb === "get" || r.verb === "list");
    assert.deepEqual(reads, [], "requests while waiting");
    const status = await target.status(dev, service);
    assert.deepEqual(
      status.revisions.map((r) => [r.revision, r.desired, r.ready]),
      [[second, 2, 2]],
    );
  });

  it("watches only what examples/kubernetes/quikship-role.yaml grants", () => {
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const [role] = loadAll(readFileSync("examples/kubernetes/quikship-role.yaml", "utf8")) as { rules: Rule[] }[];
    const used = new Set(
      rig.double.requests.filter((r) => r.namespace === dev.namespace).map((r) => `${r.verb} ${r.group}/${r.resource}`),
    );
    const outside = [...used].filter((u) => {
      const [verb, path] = u.split(" ") as [string, string];
      const [group, resource] = [path.slice(0, path.indexOf("/")), path.slice(path.indexOf("/") + 1)];
      return !role!.rules.some(
        (rule) => rule.apiGroups.includes(group) && rule.resources.includes(resource) && rule.verbs.includes(verb),
      );
    });
    assert.deepEqual(outside, [], "requests the Role does not allow");
    assert.ok(used.has("watch apps/deployments") && used.has("watch /pods"), [...used].join(", "));
  });
});

describe("a watched namespace", () => {
  let double: KubeDouble;
  let connection: ClusterConnection;

  let cluster: DevCluster;

  before(async () => {
    cluster = await startDevCluster({ watchHistory: 2 });
    ({ double, connection } = cluster);
  });

  after(() => cluster.stop());

  function deployment(name: string): KubernetesObject {
    const obj = YAML.parse(
      deploymentYaml({ name, image: `${name}:v1`, labels: { [MANAGED.split("=")[0]!]: "quikship" } }),
    ) as V1Deployment;
    return { ...obj, metadata: { ...obj.metadata, namespace: "quikapp-dev" } };
  }

  const names = (objects: KubernetesObject[]): string[] => objects.map((o) => o.metadata?.name ?? "");

  it("lists again when the server no longer keeps the version its watch would resume from (410 Gone)", async () => {
    const watched = new WatchedNamespace(connection, "quikapp-dev");
    try {
      await connection.apply([deployment("a")]);
      assert.deepEqual(names(await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED)), ["a"]);
      await double.store.watchOpened("deployments");
      // The watch ends with the server; while it is away, more changes than it keeps are made.
      await double.stop();
      for (const name of ["b", "c", "d"])
        double.api.create(R.deployments, "quikapp-dev", deployment(name) as Record<string, unknown>, {
          manager: "test",
          dryRun: false,
          scope: "main",
        });
      const asked = double.requests.length;
      await double.resume();
      const deployments = (): string[] =>
        double.requests
          .slice(asked)
          .filter((r) => r.resource === "deployments")
          .map((r) => r.verb);
      // Watching again: refused as expired, listed, watched from the list's version.
      await eventually(() => Promise.resolve(deployments().length >= 3));
      assert.deepEqual(deployments(), ["watch", "list", "watch"]);
      assert.deepEqual(names(await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED)), [
        "a",
        "b",
        "c",
        "d",
      ]);
    } finally {
      watched.stop();
    }
  });

  it("lists again when an open watch ends with a 410 Expired ERROR event, rather than resuming from its version", async () => {
    // A double that keeps its whole history: resuming from the last version would be accepted,
    // so only the ERROR event can make the client list again.
    const own = await startDevCluster();
    const { double, connection } = own;
    const watched = new WatchedNamespace(connection, "quikapp-dev");
    try {
      await connection.apply([deployment("f")]);
      assert.ok(names(await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED)).includes("f"));
      await double.store.watchOpened("deployments");
      const asked = double.requests.length;
      const deployments = (): string[] =>
        double.requests
          .slice(asked)
          .filter((r) => r.resource === "deployments")
          .map((r) => r.verb);
      double.expireWatches();
      await eventually(() => Promise.resolve(deployments().length >= 2));
      assert.deepEqual(deployments().slice(0, 2), ["list", "watch"], "listed first: the version it had is gone");
      // Watched again from the list's version: a change made now reaches the cache without a read.
      await double.store.watchOpened("deployments");
      double.api.create(R.deployments, "quikapp-dev", deployment("g") as Record<string, unknown>, {
        manager: "test",
        dryRun: false,
        scope: "main",
      });
      await eventually(async () =>
        names(await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED)).includes("g"),
      );
      assert.deepEqual(deployments().slice(0, 2), ["list", "watch"], "no read since: the watch brought it");
      assert.equal(deployments().length, 2);
    } finally {
      watched.stop();
      await own.stop();
    }
  });

  it("reads from the cluster a kind it may not watch", async () => {
    double.deny({ verb: "watch", resource: "deployments" });
    const watched = new WatchedNamespace(connection, "quikapp-dev");
    try {
      await connection.apply([deployment("e")]);
      const started = double.requests.length;
      assert.ok(names(await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED)).includes("e"));
      const refused = (): boolean =>
        double.requests.slice(started).some((r) => r.verb === "watch" && r.resource === "deployments");
      await eventually(() => Promise.resolve(refused()));
      await connection.apply([deployment("f")]);
      const asked = double.requests.length;
      const listed = await watched.list("apps/v1", "Deployment", "quikapp-dev", MANAGED);
      assert.ok(names(listed).includes("f"), names(listed).join(", "));
      const verbs = double.requests.slice(asked).map((r) => `${r.verb} ${r.resource}`);
      assert.deepEqual(verbs, ["list deployments"]);
    } finally {
      watched.stop();
    }
  });
});
