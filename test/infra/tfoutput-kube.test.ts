import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { V1ConfigMap } from "@kubernetes/client-node";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import { renderEnvironment } from "../../src/manifests/render.js";
import { storedManifests } from "../../src/server/manifests.js";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { revisionRendering } from "../../src/store/revisions/rendering.js";
import { createRevision } from "../../src/store/revisions/write.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import { singleTarget } from "../../src/targets/registry.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { KubeDouble } from "../kube/double/index.js";
import { Kubectl } from "../kube/kubectl.js";
import { dumpTables } from "../support/databases.js";
import { FakeTarget } from "../support/fake-target.js";
import { MONDAY, settleRun } from "./engine-support.js";
import { FIXTURES, requireTerraform } from "./support.js";

/**
 * `tfoutput:ENV/NAME` variables of a service on the kubernetes target: real terraform applies the
 * module, the target applies the service's rendering to the Kubernetes API TEST DOUBLE, and the
 * ConfigMap carries the output's value; a sensitive output is refused before anything is written.
 */
const PLANTED = "planted-Kube-Output-91c2e4";
const NAMESPACE = "outputs-dev";

const PLATFORM = `version: 1
name: outputs
stacks: { node: { port: 3000, healthPath: /health } }
services:
  api: { stack: node, image: registry.local/api, variables: { APP_NAME: "tfoutput:dev/name", LOG_LEVEL: info } }
  worker: { stack: node, image: registry.local/worker, variables: { WORKER_TOKEN: "tfoutput:dev/token" } }
environments:
  dev: { tier: nonprod, target: kubernetes, registry: none, cluster: dev, namespace: ${NAMESPACE} }
terraform:
  workingDirectory: module
  environments:
    dev: { autoApprove: true, variables: { name: app-dev, token: ${PLANTED}, external_file: EXTERNAL_FILE } }
`;

let dir: string;
let db: Db;
let double: KubeDouble;
let kubectl: Kubectl;
let platform: Platform;
let target: KubernetesTarget;

before(async () => {
  requireTerraform();
  dir = mkdtempSync(join(tmpdir(), "quikship-tfoutput-kube-"));
  cpSync(join(FIXTURES, "basic"), join(dir, "module"), { recursive: true });
  writeFileSync(join(dir, "external.txt"), "first\n");
  writeFileSync(join(dir, "quikship.yaml"), PLATFORM.replace("EXTERNAL_FILE", join(dir, "external.txt")));
  platform = loadPlatformOrThrow(dir).platform;
  db = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  await migrate(db);
  double = await KubeDouble.start({ namespaces: [NAMESPACE] });
  kubectl = new Kubectl(double, { dev: NAMESPACE });
  writeFileSync(join(dir, "kubeconfig"), double.kubeconfig({ dev: NAMESPACE }));
  const config = loadKubeConfig(join(dir, "kubeconfig"));
  const clock = new ManualClock(MONDAY);
  target = new KubernetesTarget(
    (env) => ClusterConnection.open(env, config),
    clock,
    undefined,
    storedManifests(db, () => platform),
  );
  // The infra run on the same store; its engine's target is never used by an infra run.
  const engine = createEngine({
    db,
    platform,
    clock,
    infra: { rootDir: join(dir, "infra"), backend: "local" },
    targets: singleTarget(new FakeTarget()),
    owner: "test-server",
    leaseMs: 30_000,
  });
  const submitted = await engine.api.submit(
    { kind: "infra", environment: "dev", params: { action: "apply" } },
    "paula",
  );
  const applied = await settleRun(
    { engine, clock, db, settings: { rootDir: dir, backend: "local" }, cleanup: () => undefined },
    submitted.id,
  );
  assert.equal(applied.status, "succeeded", JSON.stringify(applied.error));
});

after(async () => {
  kubectl?.dispose();
  await db?.close();
  await double?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function request(service: string, tag: string): Promise<RevisionRequest> {
  const row = await db.transaction((tx) =>
    createRevision(tx, { environment: "dev", service, tag, replicas: 1, runId: `run-${service}`, detail: {}, now: 1 }),
  );
  return {
    environment: platform.environments.dev!,
    service: platform.services[service]!,
    revision: row.number,
    tag,
    replicas: 1,
    env: {},
    secrets: [],
    idempotencyKey: `k-${service}-${row.number}`,
  };
}

describe("terraform outputs in the rendering the kubernetes target applies", () => {
  it("puts the output's value in the applied ConfigMap and the stored rendering; quikship render keeps the reference and says so", async () => {
    const api = await request("api", "v1.0.0");
    await target.ensureRevision(api, AbortSignal.timeout(10_000));
    const config = await kubectl.json<V1ConfigMap>(["get", "configmap", `api-config-r${api.revision}`]);
    assert.deepEqual(config.data, { APP_NAME: "app-dev", LOG_LEVEL: "info" });
    const stored = await revisionRendering(db.kysely, { environment: "dev", service: "api", number: api.revision });
    const storedConfig = stored?.files.find((f) => f.path === "overlays/dev/api/configmap.yaml");
    assert.match(storedConfig?.content ?? "", /APP_NAME: app-dev/);

    const offline = renderEnvironment(platform, "dev", { services: ["api"] });
    const offlineConfig = offline.files.find((f) => f.path === "overlays/dev/api/configmap.yaml");
    assert.match(offlineConfig?.content ?? "", /APP_NAME: "tfoutput:dev\/name"/);
    assert.ok(
      offline.warnings.some((w) =>
        /1 variable\(s\) are terraform outputs .* rendered here as the reference, not the value: the kubernetes target puts in the value .* \(first: api: APP_NAME=tfoutput:dev\/name\)/.test(
          w,
        ),
      ),
      offline.warnings.join("\n"),
    );
  });

  it("refuses a sensitive output, naming the variable, with nothing applied or stored and the value nowhere", async () => {
    const worker = await request("worker", "v1.0.0");
    await assert.rejects(target.ensureRevision(worker, AbortSignal.timeout(10_000)), (e: Error) =>
      /WORKER_TOKEN is tfoutput:dev\/token, a sensitive output: quikship never stores sensitive outputs/.test(
        e.message,
      ),
    );
    const configs = await kubectl.json<{ items: V1ConfigMap[] }>(["get", "configmaps"]);
    assert.deepEqual(
      configs.items.map((c) => c.metadata?.name).filter((n) => n?.startsWith("worker")),
      [],
    );
    assert.ok(!JSON.stringify(configs).includes(PLANTED));
    assert.equal(
      await revisionRendering(db.kysely, { environment: "dev", service: "worker", number: worker.revision }),
      undefined,
    );
    const dump = await dumpTables(db);
    assert.ok(dump.includes("app-dev"));
    assert.ok(!dump.includes(PLANTED), "the sensitive output was stored");
  });
});
