import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { KubernetesObject } from "@kubernetes/client-node";
import { loadPlatformOrThrow } from "../src/config/load.js";
import type { Environment, Service } from "../src/config/types.js";
import { systemClock } from "../src/engine/clock.js";
import { storedManifests } from "../src/server/manifests.js";
import { openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { createRevision } from "../src/store/revisions/write.js";
import { ClusterConnection, loadKubeConfig } from "../src/targets/kubernetes/connection.js";
import { STATUS_REUSE_MS } from "../src/targets/kubernetes/index.js";
import { KubernetesTarget } from "../src/targets/kubernetes/target.js";
import { revisionRequest } from "../test/targets/kubernetes-support.js";
import { report, summarize } from "./support.js";

/** How often the engine's rollout step asks for the status while it waits (src/engine/steps/rollout.ts). */
const ENGINE_POLL_MS = 250;
const POD_START_MS = 1_000;

/**
 * The kubernetes target: a train of the 33 QuikApp services deployed to `dev` on the Kubernetes API
 * test double, which runs in a process of its own (real clock, pods ready after 1 s) so that its
 * simulated controllers are not counted as quikship's work. Per service, quikship's own overhead:
 * the CPU time of this process to record the revision, render and store its manifests, apply every
 * object, prune, route and set the HPA (and the wall time, which also waits on the double); the
 * requests each deploy makes; the wall time until every service is ready while each is polled as
 * the engine does; and how often any one object was read while they were waited on.
 */
export async function benchKubernetes(): Promise<void> {
  console.log("\n# Kubernetes target: 33 QuikApp services to dev on the API test double (its own process)");
  const platform = loadPlatformOrThrow("examples/quikapp").platform;
  const dev = platform.environments.dev!;
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-kubernetes-"));
  const kubeconfig = join(dir, "kubeconfig");
  const args = ["--import", "tsx", "test/kube/serve.ts", "--kubeconfig", kubeconfig];
  const double = spawn(
    process.execPath,
    [...args, "--pod-start-ms", String(POD_START_MS), `${dev.cluster}=${dev.namespace}`],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const db = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  try {
    await createInterface({ input: double.stdout })[Symbol.asyncIterator]().next();
    await migrate(db);
    const reads = new ReadLog();
    const connection = reads.counting(ClusterConnection.open(dev, loadKubeConfig(kubeconfig)));
    const target = new KubernetesTarget(
      () => connection,
      systemClock,
      undefined,
      storedManifests(db, () => platform),
      { statusReuseMs: STATUS_REUSE_MS, watch: true },
    );
    const services = Object.values(platform.services);
    const cpu: number[] = [];
    const wall: number[] = [];
    const requests: number[] = [];
    const start = performance.now();
    for (const [i, service] of services.entries()) {
      const before = connection.requests;
      const [t0, c0] = [performance.now(), process.cpuUsage()];
      const row = await db.transaction((tx) =>
        createRevision(tx, {
          environment: dev.name,
          service: service.name,
          tag: "v1.2.3",
          digest: null,
          replicas: dev.replicas.min,
          runId: `run-${i}`,
          detail: { cause: "deploy" },
          now: Date.now(),
        }),
      );
      const request = revisionRequest(dev, service, row.number, "v1.2.3", dev.replicas.min);
      // As the engine's rollout step: a rolling service's revision applied to its one Deployment, rolled by the controller.
      if (target.rollsOut(dev, service)) await target.rollOut(request, AbortSignal.timeout(30_000));
      else await target.ensureRevision(request, AbortSignal.timeout(30_000));
      await target.setWeights(dev, service, { [row.number]: 100 });
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
      wall.push(performance.now() - t0);
      requests.push(connection.requests - before);
    }
    const deployed = performance.now() - start;
    reads.since = performance.now();
    await Promise.all(services.map((service) => untilReady(target, dev, service)));
    const total = performance.now() - start;
    report("quikship's own overhead per service (CPU: record … HPA)", summarize(cpu), { max: 20, of: "median" });
    report("wall time per service (also waits on the double)", summarize(wall));
    const r = summarize(requests);
    console.log(`API requests per service deploy: min ${r.min}  median ${r.median}  max ${r.max}`);
    console.log(
      `all ${services.length} services: applied in ${deployed.toFixed(0)} ms, all ready ${total.toFixed(0)} ms after the first apply (pods start after ${POD_START_MS} ms)`,
    );
    const most = reads.mostInOneSecond();
    const verdict = most.count <= 1 ? "met" : "MISSED";
    console.log(
      `while waited on (status every ${ENGINE_POLL_MS} ms, as the engine): ${reads.objects()} objects, the most reads of one object in any second: ${most.count} (${most.object})  target ≤ 1: ${verdict}`,
    );
  } finally {
    await db.close();
    double.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asks for the service's status as the engine's rollout step does until every revision is ready. */
async function untilReady(target: KubernetesTarget, environment: Environment, service: Service): Promise<void> {
  for (;;) {
    const status = await target.status(environment, service);
    if (status.revisions.length > 0 && status.revisions.every((r) => r.desired > 0 && r.ready === r.desired)) return;
    await new Promise((resolve) => setTimeout(resolve, ENGINE_POLL_MS));
  }
}

/** Every object a connection reads (each item of a list, each get), with when, from `since` on. */
class ReadLog {
  since = Infinity;
  readonly #reads = new Map<string, number[]>();

  counting(c: ClusterConnection): ClusterConnection & { requests: number } {
    const counted = Object.assign(c, { requests: 0 });
    const list = c.list.bind(c);
    const listAt = c.listAt.bind(c);
    const watch = c.watch.bind(c);
    const read = c.read.bind(c);
    const apply = c.apply.bind(c);
    const remove = c.delete.bind(c);
    const note = (objects: (KubernetesObject | undefined)[]): void => {
      const now = performance.now();
      if (now < this.since) return;
      for (const o of objects) {
        if (!o) continue;
        const key = `${o.kind ?? "?"} ${o.metadata?.name ?? "?"}`;
        this.#reads.set(key, [...(this.#reads.get(key) ?? []), now]);
      }
    };
    counted.list = async (apiVersion, kind, namespace, labelSelector) => {
      counted.requests++;
      const items = await list(apiVersion, kind, namespace, labelSelector);
      note(items.map((o) => ({ ...o, kind })));
      return items;
    };
    // The watches' lists and their starts are requests too; what the watches stream is not a read.
    counted.listAt = async (apiVersion, kind, namespace, labelSelector) => {
      counted.requests++;
      const list = await listAt(apiVersion, kind, namespace, labelSelector);
      note(list.items.map((o) => ({ ...o, kind })));
      return list;
    };
    counted.watch = async (...args) => {
      counted.requests++;
      return watch(...args);
    };
    counted.read = async (ref) => {
      counted.requests++;
      const found = await read(ref);
      note([found && { ...found, kind: ref.kind }]);
      return found as never;
    };
    counted.apply = async (objects, opts) => {
      counted.requests += objects.length;
      return apply(objects, opts);
    };
    counted.delete = async (ref) => {
      counted.requests++;
      return remove(ref);
    };
    return counted;
  }

  objects(): number {
    return this.#reads.size;
  }

  /** The object read most often within any one second, and how often. */
  mostInOneSecond(): { object: string; count: number } {
    let most = { object: "none", count: 0 };
    for (const [object, times] of this.#reads) {
      let from = 0;
      for (let to = 0; to < times.length; to++) {
        while (times[to]! - times[from]! >= 1000) from++;
        if (to - from + 1 > most.count) most = { object, count: to - from + 1 };
      }
    }
    return most;
  }
}
