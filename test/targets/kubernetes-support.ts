/**
 * The kubernetes target as the server builds it, for tests: the QuikApp platform, a real SQLite
 * store keeping each revision's rendering, and the Kubernetes API test double behind a kubeconfig
 * with a context per environment; the real kubectl reads what was applied.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Environment, Platform, Service } from "../../src/config/types.js";
import { ManualClock } from "../../src/engine/clock.js";
import { createEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/index.js";
import { storedManifests } from "../../src/server/manifests.js";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { createRevision } from "../../src/store/revisions/write.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import type { RevisionRequest } from "../../src/targets/target.js";
import { KubeDouble } from "../kube/double/index.js";
import type { KubeDoubleOptions } from "../kube/double/index.js";
import { Kubectl } from "../kube/kubectl.js";

export interface KubeTargetRig {
  platform: Platform;
  double: KubeDouble;
  kubectl: Kubectl;
  target: KubernetesTarget;
  db: Db;
  dir: string;
  /** Records a revision of `service` in `environment` (as the revision step does), and returns its number. */
  revision(environment: Environment, service: Service, tag: string, digest?: string): Promise<number>;
  close(): Promise<void>;
}

/** The QuikApp platform's environment `name`, with `changes` (replicas, a gateway) laid over it. */
export function quikappEnvironment(platform: Platform, name: string, changes: Partial<Environment> = {}): Environment {
  return { ...platform.environments[name]!, ...changes };
}

export interface RigOptions {
  /** Another platform than QuikApp's. */
  platform?: Platform;
  /** How long the double's pods take to become ready (default: at once). */
  podStartMs?: number;
}

export async function startKubeTarget(environments: string[], options: RigOptions = {}): Promise<KubeTargetRig> {
  const platform = options.platform ?? loadPlatformOrThrow("examples/quikapp").platform;
  const contexts = Object.fromEntries(
    environments.map((e) => [platform.environments[e]!.cluster!, platform.environments[e]!.namespace]),
  );
  const namespaces = [...new Set(Object.values(contexts))];
  const double = await KubeDouble.start({
    namespaces,
    ...(options.podStartMs ? { podStartMs: options.podStartMs } : {}),
  });
  const kubectl = new Kubectl(double, contexts);
  const dir = mkdtempSync(join(tmpdir(), "quikship-kubernetes-rig-"));
  writeFileSync(join(dir, "kubeconfig"), double.kubeconfig(contexts));
  const db = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  await migrate(db);
  const config = loadKubeConfig(join(dir, "kubeconfig"));
  const target = new KubernetesTarget(
    (env) => ClusterConnection.open(env, config),
    new ManualClock(Date.parse("2026-12-01T10:00:00Z")),
    undefined,
    storedManifests(db, () => platform),
  );
  let runs = 0;
  return {
    platform,
    double,
    kubectl,
    target,
    db,
    dir,
    async revision(environment, service, tag, digest) {
      const row = await db.transaction((tx) =>
        createRevision(tx, {
          environment: environment.name,
          service: service.name,
          tag,
          digest: digest ?? null,
          replicas: environment.replicas.min,
          runId: `run-${++runs}`,
          detail: { cause: "deploy" },
          now: 1,
        }),
      );
      return row.number;
    },
    async close() {
      kubectl.dispose();
      await db.close();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the engine asks the target to run for a revision. */
export function revisionRequest(
  environment: Environment,
  service: Service,
  revision: number,
  tag: string,
  replicas: number,
  digest: string | null = null,
): RevisionRequest {
  return {
    environment,
    service,
    revision,
    tag,
    digest,
    replicas,
    env: {},
    secrets: [],
    idempotencyKey: `k-${revision}-${replicas}`,
  };
}

export interface KubeEngine {
  rig: KubeTargetRig;
  engine: Engine;
  clock: ManualClock;
}

/** An engine on the rig's store whose environments run on the rig's kubernetes target, on a manual clock. */
export function engineOn(rig: KubeTargetRig): KubeEngine {
  const clock = new ManualClock(Date.parse("2026-12-01T10:00:00Z"));
  const targets = { forEnvironment: () => rig.target };
  const engine = createEngine({ db: rig.db, platform: rig.platform, clock, targets, handlers: [], owner: "test" });
  return { rig, engine, clock };
}

/** Drains the engine while both clocks move, per round: the engine's by `engineMs`, the cluster's by `clusterMs`. */
export async function drive(s: KubeEngine, rounds: number, clusterMs: number, engineMs = 250): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await s.engine.worker.drain();
    s.clock.advance(engineMs);
    s.rig.double.advance(clusterMs);
  }
  await s.engine.worker.drain();
}

/** A one-service platform whose environment `dev` runs on a cluster (context dev, namespace shop-dev), rolling. */
export const SHOP_PLATFORM = `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node }
environments:
  dev:
    tier: nonprod
    target: kubernetes
    cluster: dev
    namespace: shop-dev
    registry: none
    replicas: { min: 2, max: 2 }
    progressDeadline: 60s
    minReady: 0s
    strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }
`;

/** The double serving `quikapp-dev`, the real kubectl on it, and the target's connection as environment `dev`. */
export interface DevCluster {
  double: KubeDouble;
  kubectl: Kubectl;
  connection: ClusterConnection;
  stop(): Promise<void>;
}

export async function startDevCluster(options: Omit<KubeDoubleOptions, "namespaces"> = {}): Promise<DevCluster> {
  const double = await KubeDouble.start({ ...options, namespaces: ["quikapp-dev"] });
  const kubectl = new Kubectl(double, { dev: "quikapp-dev" });
  const connection = ClusterConnection.open(
    { name: "dev", cluster: "dev" } as Environment,
    loadKubeConfig(kubectl.kubeconfig),
  );
  return {
    double,
    kubectl,
    connection,
    stop: async () => {
      kubectl.dispose();
      await double.close();
    },
  };
}
