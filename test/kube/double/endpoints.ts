/**
 * Test double of the Kubernetes API — a simulated endpoints controller.
 *
 * Follows `core/v1 Endpoints` and "Service › Services without selectors": for every Service with a
 * selector, an Endpoints object of the same name lists the matching pods' IPs — ready pods under
 * `addresses`, the others under `notReadyAddresses` — with the Service's ports resolved to the
 * pods' ports (`targetPort` by number or by container port name). No EndpointSlices.
 */
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, labels, spec, status } from "./cluster.js";
import { isObject, sameValue } from "./fieldset.js";
import { meta } from "./store.js";

const MANAGER = "endpoint-controller";

function ready(pod: Obj): boolean {
  return ((status(pod).conditions ?? []) as Obj[]).some((c) => c.type === "Ready" && c.status === "True");
}

function resolvePort(port: Obj, pod: Obj | undefined): number {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const containers = (pod ? ((spec(pod).containers ?? []) as Obj[]) : []).flatMap((c) => (c.ports ?? []) as Obj[]);
  return Number(containers.find((p) => p.name === target)?.containerPort ?? port.port);
}

export class EndpointsController implements Controller {
  readonly name = "endpoint-controller";

  reconcile(cluster: Cluster): void {
    for (const service of cluster.list(R.services)) {
      const selector = spec(service).selector;
      if (!isObject(selector)) continue;
      const ns = String(meta(service).namespace);
      const pods = cluster.list(
        R.pods,
        ns,
        (p) => isObject(p.status) && !!p.status.podIP && Object.entries(selector).every(([k, v]) => labels(p)[k] === v),
      );
      const address = (p: Obj): Obj => ({
        ip: status(p).podIP,
        targetRef: { kind: "Pod", name: meta(p).name, namespace: ns, uid: meta(p).uid },
      });
      const ports = ((spec(service).ports ?? []) as Obj[]).map((p) => ({
        name: p.name,
        port: resolvePort(p, pods[0]),
        protocol: p.protocol ?? "TCP",
      }));
      const subset: Obj = {
        addresses: pods.filter(ready).map(address),
        notReadyAddresses: pods.filter((p) => !ready(p)).map(address),
        ports,
      };
      for (const k of ["addresses", "notReadyAddresses"]) if ((subset[k] as unknown[]).length === 0) delete subset[k];
      const subsets = pods.length > 0 ? [subset] : undefined;
      const name = String(meta(service).name);
      const current = cluster.store.get(R.endpoints, ns, name);
      const body: Obj = {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name, namespace: ns, labels: labels(service) },
        subsets,
      };
      if (!current) cluster.create(R.endpoints, body, MANAGER);
      else if (!sameValue(current.subsets, subsets)) cluster.update(R.endpoints, { ...current, subsets }, MANAGER);
    }
  }
}
