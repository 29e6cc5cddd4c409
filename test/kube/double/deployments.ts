/**
 * Test double of the Kubernetes API — a simulated Deployment controller.
 *
 * Follows "Deployments" (concepts) and `apps/v1 DeploymentStatus`:
 * - the ReplicaSet whose template equals the Deployment's (ignoring pod-template-hash) is the new
 *   one; if none, one is created, named `DEPLOYMENT-HASH`, with the next revision in
 *   `deployment.kubernetes.io/revision` (an old ReplicaSet brought back by `rollout undo` gets
 *   the next revision instead), and the Deployment carries the same annotation;
 * - RollingUpdate scales the new ReplicaSet up within `replicas + maxSurge` and old ones down while
 *   `replicas - maxUnavailable` pods stay available; Recreate scales old ones to 0 first;
 * - ReplicaSets beyond `revisionHistoryLimit` with no pods are deleted, oldest revision first;
 * - status: observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas,
 *   unavailableReplicas, and the conditions kubectl's `rollout status` reads (see conditions.ts).
 */
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, annotations, labels, ownerReference, spec, status } from "./cluster.js";
import { deploymentConditions } from "./conditions.js";
import { isObject, sameValue } from "./fieldset.js";
import { surgeAndUnavailable, templateHash, withoutHash } from "./rollout.js";
import { meta } from "./store.js";

const MANAGER = "kube-controller-manager";
export const REVISION = "deployment.kubernetes.io/revision";

export function revisionOf(rs: Obj): number {
  return Number(annotations(rs)[REVISION] ?? 0);
}

function replicasOf(rs: Obj): number {
  return Number(spec(rs).replicas ?? 0);
}

export class DeploymentController implements Controller {
  readonly name = "deployment-controller";

  reconcile(cluster: Cluster): void {
    for (const d of cluster.list(R.deployments)) {
      const all = cluster.owned(R.replicasets, d);
      const created = !all.some((rs) => sameValue(withoutHash(spec(rs).template), withoutHash(spec(d).template)));
      const newRs = this.#newReplicaSet(cluster, d, all);
      const old = all.filter((rs) => meta(rs).uid !== meta(newRs).uid);
      if (spec(d).paused !== true) {
        const strategy = spec(d).strategy;
        if (isObject(strategy) && strategy.type === "Recreate") this.#recreate(cluster, d, newRs, old);
        else this.#rolling(cluster, d, newRs, old);
        this.#cleanup(cluster, d, old);
      }
      this.#status(cluster, d, created);
    }
  }

  #newReplicaSet(cluster: Cluster, d: Obj, all: Obj[]): Obj {
    const next = Math.max(0, ...all.map(revisionOf)) + 1;
    let rs = all.find((x) => sameValue(withoutHash(spec(x).template), withoutHash(spec(d).template)));
    if (!rs) rs = this.#createReplicaSet(cluster, d, next);
    else if (revisionOf(rs) < next - 1) {
      annotations(rs)[REVISION] = String(next);
      rs = cluster.update(R.replicasets, rs, MANAGER);
    }
    if (annotations(d)[REVISION] !== String(revisionOf(rs))) {
      annotations(d)[REVISION] = String(revisionOf(rs));
      cluster.update(R.deployments, d, MANAGER);
    }
    return rs;
  }

  #createReplicaSet(cluster: Cluster, d: Obj, revision: number): Obj {
    const hash = templateHash(spec(d).template);
    const template = withoutHash(spec(d).template);
    const tm = isObject(template.metadata) ? template.metadata : (template.metadata = {});
    tm.labels = { ...labels({ metadata: tm }), "pod-template-hash": hash };
    const sel = spec(d).selector;
    const selector: Obj = isObject(sel) ? structuredClone(sel) : {};
    selector.matchLabels = {
      ...(isObject(selector.matchLabels) ? selector.matchLabels : {}),
      "pod-template-hash": hash,
    };
    const rs: Obj = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${String(meta(d).name)}-${hash}`,
        namespace: meta(d).namespace,
        labels: tm.labels,
        annotations: { [REVISION]: String(revision) },
        ownerReferences: [ownerReference(R.deployments, d)],
      },
      spec: { replicas: 0, minReadySeconds: spec(d).minReadySeconds ?? 0, selector, template },
    };
    return cluster.create(R.replicasets, rs, MANAGER);
  }

  #scale(cluster: Cluster, d: Obj, rs: Obj, to: number): void {
    const from = replicasOf(rs);
    if (from === to) return;
    const [surge] = surgeAndUnavailable(spec(d).strategy, Number(spec(d).replicas));
    Object.assign(annotations(rs), {
      "deployment.kubernetes.io/desired-replicas": String(spec(d).replicas),
      "deployment.kubernetes.io/max-replicas": String(Number(spec(d).replicas) + surge),
    });
    cluster.update(R.replicasets, { ...rs, spec: { ...spec(rs), replicas: to } }, MANAGER);
    const direction = to > from ? "up" : "down";
    const message = `Scaled ${direction} replica set ${String(meta(rs).name)} to ${to} from ${from}`;
    cluster.event(d, "Normal", "ScalingReplicaSet", message, "deployment-controller");
  }

  #rolling(cluster: Cluster, d: Obj, newRs: Obj, old: Obj[]): void {
    const want = Number(spec(d).replicas);
    const [surge, unavailable] = surgeAndUnavailable(spec(d).strategy, want);
    const total = (): number => replicasOf(newRs) + old.reduce((n, rs) => n + replicasOf(rs), 0);
    if (old.every((rs) => replicasOf(rs) === 0)) return this.#scale(cluster, d, newRs, want);
    if (replicasOf(newRs) < want) {
      const up = Math.min(want + surge - total(), want - replicasOf(newRs));
      if (up > 0) this.#scale(cluster, d, newRs, replicasOf(newRs) + up);
    }
    const available = [newRs, ...old].reduce((n, rs) => n + Number(status(rs).availableReplicas ?? 0), 0);
    let down = available - (want - unavailable);
    // Old pods that are not available go first: removing them costs no availability.
    for (const rs of old.sort((a, b) => revisionOf(a) - revisionOf(b))) {
      const unhealthy = replicasOf(rs) - Number(status(rs).availableReplicas ?? 0);
      const cut = Math.min(replicasOf(rs), Math.max(0, unhealthy) + Math.max(0, down));
      if (cut <= 0) continue;
      down -= Math.max(0, cut - Math.max(0, unhealthy));
      this.#scale(cluster, d, rs, replicasOf(rs) - cut);
    }
  }

  #recreate(cluster: Cluster, d: Obj, newRs: Obj, old: Obj[]): void {
    for (const rs of old) if (replicasOf(rs) > 0) this.#scale(cluster, d, rs, 0);
    if (old.every((rs) => Number(status(rs).replicas ?? 0) === 0))
      this.#scale(cluster, d, newRs, Number(spec(d).replicas));
  }

  #cleanup(cluster: Cluster, d: Obj, old: Obj[]): void {
    const limit = Number(spec(d).revisionHistoryLimit ?? 10);
    const idle = old.filter((rs) => replicasOf(rs) === 0 && Number(status(rs).replicas ?? 0) === 0);
    idle.sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) cluster.delete(R.replicasets, rs);
  }

  #status(cluster: Cluster, d: Obj, created: boolean): void {
    const fresh = cluster.api.get(R.deployments, String(meta(d).namespace), String(meta(d).name));
    const all = cluster.owned(R.replicasets, fresh);
    const newRs = all.find((rs) => sameValue(withoutHash(spec(rs).template), withoutHash(spec(fresh).template)));
    const sum = (key: string, list = all): number => list.reduce((n, rs) => n + Number(status(rs)[key] ?? 0), 0);
    const want = Number(spec(fresh).replicas);
    const next: Obj = {
      observedGeneration: meta(fresh).generation,
      replicas: sum("replicas"),
      updatedReplicas: newRs ? sum("replicas", [newRs]) : 0,
      readyReplicas: sum("readyReplicas"),
      availableReplicas: sum("availableReplicas"),
      unavailableReplicas: Math.max(0, want - sum("availableReplicas")),
    };
    for (const k of Object.keys(next)) if (next[k] === 0) delete next[k];
    next.conditions = deploymentConditions(fresh, next, newRs, created, cluster.nowMs());
    if (!sameValue(next, fresh.status)) cluster.writeStatus(R.deployments, { ...fresh, status: next }, MANAGER);
  }
}
