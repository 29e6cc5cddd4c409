/**
 * Test double of the Kubernetes API — a simulated ReplicaSet controller.
 *
 * Follows "ReplicaSet" and `apps/v1 ReplicaSetStatus`: pods are created from the template, named
 * after the ReplicaSet, owned by it (`ownerReferences[].controller`), until `spec.replicas` run;
 * surplus pods are deleted not-ready first, then newest first; `replicas`, `fullyLabeledReplicas`,
 * `readyReplicas`, `availableReplicas` (ready for at least `minReadySeconds`) and
 * `observedGeneration` are reported; `SuccessfulCreate` and `SuccessfulDelete` events recorded.
 */
import { randomBytes } from "node:crypto";
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, labels, ownerReference, spec, status } from "./cluster.js";
import { isObject } from "./fieldset.js";
import { meta } from "./store.js";

const MANAGER = "kube-controller-manager";
/** The API machinery's alphabet for generated names: no vowels, no look-alike digits. */
const SAFE = "bcdfghjklmnpqrstvwxz2456789";

function isReady(pod: Obj): boolean {
  return ((status(pod).conditions ?? []) as Obj[]).some((c) => c.type === "Ready" && c.status === "True");
}

/** Ready, and for at least `minReadySeconds` (API reference: `DeploymentSpec.minReadySeconds`). */
export function isAvailable(pod: Obj, minReadySeconds: number, nowMs: number): boolean {
  const ready = ((status(pod).conditions ?? []) as Obj[]).find((c) => c.type === "Ready" && c.status === "True");
  return ready !== undefined && Date.parse(String(ready.lastTransitionTime)) + minReadySeconds * 1000 <= nowMs;
}

export class ReplicaSetController implements Controller {
  readonly name = "replicaset-controller";

  reconcile(cluster: Cluster): void {
    for (const rs of cluster.list(R.replicasets)) {
      const pods = cluster.owned(R.pods, rs);
      const want = Number(spec(rs).replicas ?? 1);
      if (pods.length < want) for (let i = pods.length; i < want; i++) this.#createPod(cluster, rs);
      if (pods.length > want) this.#deletePods(cluster, rs, pods, pods.length - want);
      this.#status(cluster, rs);
    }
  }

  #createPod(cluster: Cluster, rs: Obj): void {
    const template = isObject(spec(rs).template) ? (spec(rs).template as Obj) : {};
    const m = meta(rs);
    const name = `${String(m.name)}-${[...randomBytes(5)].map((b) => SAFE[b % SAFE.length]).join("")}`;
    const pod: Obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        ...(isObject(template.metadata) ? template.metadata : {}),
        name,
        namespace: m.namespace,
        ownerReferences: [ownerReference(R.replicasets, rs)],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    cluster.create(R.pods, pod, MANAGER);
    cluster.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${name}`, "replicaset-controller");
  }

  #deletePods(cluster: Cluster, rs: Obj, pods: Obj[], count: number): void {
    const order = [...pods].sort((a, b) => {
      if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
      return String(meta(b).creationTimestamp).localeCompare(String(meta(a).creationTimestamp));
    });
    for (const pod of order.slice(0, count)) {
      cluster.delete(R.pods, pod);
      cluster.event(
        rs,
        "Normal",
        "SuccessfulDelete",
        `Deleted pod: ${String(meta(pod).name)}`,
        "replicaset-controller",
      );
    }
  }

  #status(cluster: Cluster, rs: Obj): void {
    const fresh = cluster.api.get(R.replicasets, String(meta(rs).namespace), String(meta(rs).name));
    const pods = cluster.owned(R.pods, fresh);
    const minReady = Number(spec(fresh).minReadySeconds ?? 0);
    const selector = isObject(spec(fresh).selector) ? (spec(fresh).selector as Obj) : {};
    const wanted = (isObject(selector.matchLabels) ? selector.matchLabels : {}) as Record<string, string>;
    const next: Obj = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) => Object.entries(wanted).every(([k, v]) => labels(p)[k] === v)).length,
      readyReplicas: pods.filter(isReady).length,
      availableReplicas: pods.filter((p) => isAvailable(p, minReady, cluster.nowMs())).length,
      observedGeneration: meta(fresh).generation,
    };
    for (const k of ["readyReplicas", "availableReplicas"]) if (next[k] === 0) delete next[k];
    if (JSON.stringify(next) !== JSON.stringify(fresh.status))
      cluster.writeStatus(R.replicasets, { ...fresh, status: next }, MANAGER);
  }
}
