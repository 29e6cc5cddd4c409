import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V1ReplicaSetList } from "@kubernetes/client-node";
import type { Environment, Service } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { ConflictError } from "../../src/errors.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { KubeDouble } from "../kube/double/index.js";
import { Kubectl } from "../kube/kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;
let target: KubernetesTarget;
let dir: string;
const environment = {
  name: "dev",
  cluster: "dev",
  namespace: "quikapp-dev",
  minReadyMs: 0,
  progressDeadlineMs: 60_000,
} as Environment;
const service = { name: "auth", image: "registry.local/auth", port: 8080, healthPath: "/health" } as Service;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { dev: "quikapp-dev" });
  dir = mkdtempSync(join(tmpdir(), "quikship-kubernetes-target-"));
  writeFileSync(join(dir, "kubeconfig"), double.kubeconfig({ dev: "quikapp-dev" }));
  const config = loadKubeConfig(join(dir, "kubeconfig"));
  target = new KubernetesTarget(
    (env) => ClusterConnection.open(env, config),
    new ManualClock(Date.parse("2026-12-01T10:00:00Z")),
  );
});

after(async () => {
  kubectl.dispose();
  rmSync(dir, { recursive: true, force: true });
  await double.close();
});

function request(revision: number, tag: string, replicas = 2): RevisionRequest {
  return {
    environment,
    service,
    revision,
    tag,
    replicas,
    env: { LOG_LEVEL: "info" },
    secrets: [],
    idempotencyKey: `k-${revision}`,
  };
}

describe("the kubernetes target against the Kubernetes API test double", () => {
  it("runs a revision as a Deployment kubectl sees rolled out, with the tag as its image", async () => {
    await target.ensureRevision(request(1, "v1.0.0"), AbortSignal.timeout(5_000));
    const status = await kubectl.run(["rollout", "status", "deployment/auth-r1", "--timeout=5s"]);
    assert.equal(status.code, 0, status.stderr);
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "auth-r1"]);
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "registry.local/auth:v1.0.0");
    assert.deepEqual(d.spec?.template.spec?.containers[0]?.env, [{ name: "LOG_LEVEL", value: "info" }]);
  });

  it("restarts through kubectl.kubernetes.io/restartedAt, and a repeated key restarts nothing", async () => {
    await target.restart(environment, service, 1, "restart-1");
    const rs = async (): Promise<number> =>
      (await kubectl.json<V1ReplicaSetList>(["get", "replicasets", "-l", "quikship.io/revision=1"])).items.length;
    assert.equal(await rs(), 2, "a new ReplicaSet for the restarted template");
    const d = await kubectl.json<V1Deployment>(["get", "deployment", "auth-r1"]);
    assert.equal(
      d.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"],
      "2026-12-01T10:00:00.000Z",
    );
    const version = d.metadata?.resourceVersion;
    await target.restart(environment, service, 1, "restart-1");
    const again = await kubectl.json<V1Deployment>(["get", "deployment", "auth-r1"]);
    assert.equal(again.metadata?.resourceVersion, version);
    assert.equal(await rs(), 2);
  });

  it("reports a crash-looping revision's pods as crashed, with their restarts", async () => {
    await target.ensureRevision(request(2, "v2.0.0-crash", 1), AbortSignal.timeout(5_000));
    double.advance(30_000);
    const s = await target.status(environment, service);
    const r2 = s.revisions.find((r) => r.revision === 2);
    assert.equal(r2?.ready, 0);
    assert.equal(r2?.restarts, 2);
    assert.deepEqual(
      r2?.instances.map((i) => i.state),
      ["crashed"],
    );
  });

  it("refuses to overwrite a field someone changed with kubectl, naming their field manager", async () => {
    await kubectl.ok(["scale", "deployment/auth-r1", "--replicas=5"]);
    const error = await target.ensureRevision(request(1, "v1.0.0"), AbortSignal.timeout(5_000)).then(
      () => assert.fail("the apply succeeded"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConflictError, String(error));
    assert.match(error.message, /owned by "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas/);
  });
});
