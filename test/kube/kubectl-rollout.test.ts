import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V1PodList, V1ReplicaSetList, CoreV1EventList } from "@kubernetes/client-node";
import { KubeDouble } from "./double/index.js";
import { deploymentYaml } from "./fixtures.js";
import type { KubectlResult } from "./kubectl.js";
import { Kubectl } from "./kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { dev: "quikapp-dev" });
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

const API = { name: "api", minReadySeconds: 30 };
const apply = (image: string, extra: Partial<Parameters<typeof deploymentYaml>[0]> = {}): Promise<string> =>
  kubectl.ok(["apply", "--server-side", "--force-conflicts", "-f", "-"], deploymentYaml({ ...API, image, ...extra }));

/** Starts `kubectl rollout status` and resolves once it is watching, so the test can move time. */
async function rolloutStatus(name: string): Promise<{ done: Promise<KubectlResult> }> {
  const watching = double.store.watching("deployments");
  const done = kubectl.run(["rollout", "status", `deployment/${name}`, "--timeout=20s"]);
  while (double.store.watching("deployments") === watching) await double.store.watchOpened("deployments");
  // Wrapped: an async function returning the promise itself would wait for kubectl to exit.
  return { done };
}

async function podsOf(name: string): Promise<V1PodList> {
  return kubectl.json<V1PodList>(["get", "pods", "-l", `app.kubernetes.io/name=${name}`]);
}

describe("kubectl rollout, scale and logs against the Kubernetes API test double", () => {
  it("rollout status waits for minReadySeconds of the double's clock, then reports success", async () => {
    await apply("api:v1");
    const status = await rolloutStatus("api");
    double.advance(29_000);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.equal(d.status?.readyReplicas, 2);
    assert.equal(d.status?.availableReplicas, undefined, "ready is not yet available");
    double.advance(1_000);
    const result = await status.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Waiting for deployment "api" rollout to finish: 0 of 2 updated replicas are available/,
    );
    assert.match(result.stdout, /deployment "api" successfully rolled out/);
  });

  it("rolls a new image out through a new ReplicaSet within maxSurge, with revision 2", async () => {
    await apply("api:v2");
    const status = await rolloutStatus("api");
    let rs = await kubectl.json<V1ReplicaSetList>(["get", "replicasets"]);
    assert.deepEqual(rs.items.map((r) => r.spec?.replicas).sort(), [1, 2], "one surge pod, no old pod removed yet");
    double.advance(30_000);
    double.advance(30_000);
    const result = await status.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 old replicas are pending termination|1 of 2 updated replicas are available/);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "2");
    assert.equal(d.status?.updatedReplicas, 2);
    assert.equal(d.status?.observedGeneration, d.metadata?.generation);
    rs = await kubectl.json<V1ReplicaSetList>(["get", "replicasets"]);
    const byRevision = new Map(
      rs.items.map((r) => [r.metadata?.annotations?.["deployment.kubernetes.io/revision"], r]),
    );
    assert.equal(byRevision.get("2")?.spec?.template?.spec?.containers[0]?.image, "api:v2");
    assert.equal(byRevision.get("1")?.spec?.replicas, 0);
    const pods = await podsOf("api");
    assert.deepEqual(
      pods.items.map((p) => p.spec?.containers[0]?.image),
      ["api:v2", "api:v2"],
    );
  });

  it("rollout undo brings the previous template back as revision 3, and history lists the revisions", async () => {
    const out = await kubectl.ok(["rollout", "undo", "deployment/api"]);
    assert.match(out, /deployment.apps\/api rolled back/);
    double.advance(30_000);
    double.advance(30_000);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "api:v1");
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "3");
    const history = await kubectl.ok(["rollout", "history", "deployment/api"]);
    assert.match(history, /^2\s/m);
    assert.match(history, /^3\s/m);
    assert.doesNotMatch(history, /^1\s/m, "revision 1 became revision 3");
    const rs = await kubectl.json<V1ReplicaSetList>(["get", "replicasets"]);
    assert.equal(rs.items.length, 2, "undo reuses the old ReplicaSet");
  });

  it("rollout restart stamps the template through a strategic merge patch and rolls a new revision", async () => {
    assert.match(await kubectl.ok(["rollout", "restart", "deployment/api"]), /deployment.apps\/api restarted/);
    double.advance(30_000);
    double.advance(30_000);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "api"]);
    assert.ok(d.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]);
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "4");
    assert.equal(d.status?.updatedReplicas, 2);
    assert.equal(d.status?.availableReplicas, 2);
  });

  it("scale changes the replicas through the scale subresource and the ReplicaSet makes the pods", async () => {
    const out = await kubectl.ok(["scale", "deployment/api", "--replicas=4"]);
    assert.match(out, /deployment.apps\/api scaled/);
    const pods = await podsOf("api");
    assert.equal(pods.items.length, 4);
    const scale = JSON.parse(
      await kubectl.ok(["get", "--raw", "/apis/apps/v1/namespaces/quikapp-dev/deployments/api/scale"]),
    ) as {
      spec: { replicas: number };
      status: { selector: string };
    };
    assert.equal(scale.spec.replicas, 4);
    assert.equal(scale.status.selector, "app.kubernetes.io/name=api");
  });

  it("logs reads a pod's log through the log subresource", async () => {
    const pod = (await podsOf("api")).items[0]?.metadata?.name ?? "";
    const out = await kubectl.ok(["logs", pod]);
    assert.match(out, /^starting api:v1$/m);
    double.kubelet.appendLog("quikapp-dev", pod, "app", "GET /health 200");
    assert.match(await kubectl.ok(["logs", pod, "--tail=1"]), /^GET \/health 200\n$/);
    const missing = await kubectl.run(["logs", "no-such-pod"]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /pods "no-such-pod" not found/);
  });

  it("a -crash image crash-loops with growing restarts, Warning events, and rollout status fails at the deadline", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      deploymentYaml({ name: "worker", image: "worker:v1-crash", replicas: 1, progressDeadlineSeconds: 60 }),
    );
    double.advance(70_000);
    const pod = (await podsOf("worker")).items[0];
    const container = pod?.status?.containerStatuses?.[0];
    assert.equal(container?.state?.waiting?.reason, "CrashLoopBackOff");
    assert.equal(container?.restartCount, 3, "restarts after 10 s, 20 s and 40 s of back-off");
    assert.equal(container?.ready, false);
    const events = await kubectl.json<CoreV1EventList>(["get", "events", "--field-selector", "type=Warning"]);
    assert.ok(events.items.some((e) => e.reason === "BackOff" && e.involvedObject.name === pod?.metadata?.name));
    const result = await kubectl.run(["rollout", "status", "deployment/worker", "--timeout=10s"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /deployment "worker" exceeded its progress deadline/);
  });

  it("kubectl get prints the columns a Kubernetes user expects, from server-side tables", async () => {
    const out = await kubectl.ok(["get", "deployments,pods", "-l", "app.kubernetes.io/name=worker"]);
    assert.match(out, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    assert.match(out, /^deployment.apps\/worker\s+0\/1\s+1\s+0\s+70s$/m);
    assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(out, /^pod\/worker-\w+-\w+\s+0\/1\s+CrashLoopBackOff\s+3\s+70s$/m);
  });
});
