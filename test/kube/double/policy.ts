/**
 * Test double of the Kubernetes API — simulated disruption budget and autoscaler controllers.
 *
 * PodDisruptionBudget: `policy/v1 PodDisruptionBudgetStatus` — expectedPods, currentHealthy
 * (ready pods matching the selector), desiredHealthy (minAvailable, or expected − maxUnavailable;
 * percentages of the expected pods, rounded up), disruptionsAllowed and the DisruptionAllowed
 * condition (SufficientPods / InsufficientPods).
 * HorizontalPodAutoscaler: `autoscaling/v2` — no metrics exist in the double, so, as a cluster
 * without a metrics server, the HPA only holds its target within [minReplicas, maxReplicas]
 * (through the scale subresource, with a `SuccessfulRescale` event) and reports ScalingActive
 * False `FailedGetResourceMetric`.
 */
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, labels, spec, status } from "./cluster.js";
import { isObject, sameValue } from "./fieldset.js";
import { findKind } from "./resources.js";
import { matchesSelector } from "./selectors.js";
import { meta } from "./store.js";

const MANAGER = "kube-controller-manager";

function count(value: unknown, total: number): number {
  if (typeof value === "number") return value;
  const text = typeof value === "string" ? value : "0";
  return text.endsWith("%") ? Math.ceil((Number(text.slice(0, -1)) * total) / 100) : Number(text);
}

function condition(type: string, value: boolean, reason: string, message: string, at: string): Obj {
  return { type, status: value ? "True" : "False", reason, message, lastTransitionTime: at };
}

export class DisruptionController implements Controller {
  readonly name = "disruption-controller";

  reconcile(cluster: Cluster): void {
    for (const pdb of cluster.list(R.pdbs)) {
      const pods = cluster.list(R.pods, String(meta(pdb).namespace), (p) =>
        matchesSelector(spec(pdb).selector, labels(p)),
      );
      const healthy = pods.filter((p) =>
        ((status(p).conditions ?? []) as Obj[]).some((c) => c.type === "Ready" && c.status === "True"),
      );
      const expected = pods.length;
      const s = spec(pdb);
      const desired =
        s.minAvailable !== undefined ? count(s.minAvailable, expected) : expected - count(s.maxUnavailable, expected);
      const allowed = Math.max(0, healthy.length - desired);
      const old = ((status(pdb).conditions ?? []) as Obj[])[0];
      const reason = allowed > 0 ? "SufficientPods" : "InsufficientPods";
      const at = old && old.reason === reason ? String(old.lastTransitionTime) : cluster.stamp();
      const next: Obj = {
        observedGeneration: meta(pdb).generation,
        expectedPods: expected,
        currentHealthy: healthy.length,
        desiredHealthy: desired,
        disruptionsAllowed: allowed,
        conditions: [condition("DisruptionAllowed", allowed > 0, reason, "", at)],
      };
      if (!sameValue(next, pdb.status)) cluster.writeStatus(R.pdbs, { ...pdb, status: next }, MANAGER);
    }
  }
}

export class AutoscalerController implements Controller {
  readonly name = "horizontal-pod-autoscaler";

  reconcile(cluster: Cluster): void {
    for (const hpa of cluster.list(R.hpas)) {
      const raw = spec(hpa).scaleTargetRef;
      const ref: Obj = isObject(raw) ? raw : {};
      const ns = String(meta(hpa).namespace);
      const r = findKind(String(ref.apiVersion), String(ref.kind));
      const target = r ? cluster.store.get(r, ns, String(ref.name)) : undefined;
      if (!r || !target) continue;
      const min = Number(spec(hpa).minReplicas ?? 1);
      const max = Number(spec(hpa).maxReplicas);
      const current = Number(spec(target).replicas ?? 1);
      const desired = Math.min(max, Math.max(min, current));
      if (desired !== current) {
        cluster.api.setScale(r, ns, String(ref.name), { spec: { replicas: desired } }, MANAGER, false);
        const why =
          current < min
            ? "Current number of replicas below Spec.MinReplicas"
            : "Current number of replicas above Spec.MaxReplicas";
        cluster.event(
          hpa,
          "Normal",
          "SuccessfulRescale",
          `New size: ${desired}; reason: ${why}`,
          "horizontal-pod-autoscaler",
        );
      }
      const at = cluster.stamp();
      const kept = (type: string): string => {
        const old = ((status(hpa).conditions ?? []) as Obj[]).find((c) => c.type === type)?.lastTransitionTime;
        return typeof old === "string" ? old : at;
      };
      const next: Obj = {
        currentReplicas: Number(status(target).replicas ?? current),
        desiredReplicas: desired,
        conditions: [
          condition(
            "AbleToScale",
            true,
            "SucceededGetScale",
            "the HPA controller was able to get the target's current scale",
            kept("AbleToScale"),
          ),
          condition(
            "ScalingActive",
            false,
            "FailedGetResourceMetric",
            "the HPA was unable to compute the replica count: no metrics returned from resource metrics API",
            kept("ScalingActive"),
          ),
        ],
      };
      if (!sameValue(next, hpa.status)) cluster.writeStatus(R.hpas, { ...hpa, status: next }, MANAGER);
    }
  }
}
