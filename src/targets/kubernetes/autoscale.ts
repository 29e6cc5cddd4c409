/**
 * The HorizontalPodAutoscaler of a service: it sizes the revision that serves all traffic, between
 * a minimum and a maximum. Its minimum is the revision's requested replicas (what the platform or
 * `quikship scale` asked), so scaling a revision an HPA owns sets the HPA's `minReplicas` instead
 * of the Deployment's replicas, which the HPA owns. While traffic is split there is none.
 */
import type { KubernetesObject, V1Deployment, V2HorizontalPodAutoscaler } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { AutoscalerStatus } from "../target.js";
import type { ClusterAccess } from "./connection.js";
import type { ServiceBuild } from "../../manifests/built.js";
import { autoscalerFor, REQUESTED_REPLICAS } from "./manifests.js";
import { selector } from "./objects.js";
import { deploymentName } from "./rolling.js";

const HPA = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" } as const;

/** The service's live HPA and the revision it sizes; null when it has none. */
export async function liveAutoscaler(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
): Promise<(AutoscalerStatus & { target: string }) | null> {
  const [hpa] = (await c.list(
    HPA.apiVersion,
    HPA.kind,
    environment.namespace,
    selector(service),
  )) as V2HorizontalPodAutoscaler[];
  if (!hpa?.spec) return null;
  return {
    name: hpa.metadata?.name ?? "",
    target: hpa.spec.scaleTargetRef.name,
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
  };
}

/** The replicas the revision's Deployment asked for (its annotation), else undefined. */
async function requestedOf(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  revision: number,
): Promise<number | undefined> {
  const name = await deploymentName(c, environment, service, revision);
  const metadata = { name, namespace: environment.namespace };
  const d = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
  const n = Number(d?.metadata?.annotations?.[REQUESTED_REPLICAS]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Points the rendered HPA at `only` (the revision serving all traffic), its minimum that revision's; none while split. */
export async function followTraffic(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  only: number | undefined,
  build: ServiceBuild | undefined,
): Promise<void> {
  const hpa = build?.objects.find((o) => o.kind === "HorizontalPodAutoscaler");
  if (hpa && only !== undefined) {
    const min = await requestedOf(c, environment, service, only);
    await c.apply([autoscalerFor(hpa, await deploymentName(c, environment, service, only), min)]);
    return;
  }
  if (only !== undefined) return;
  for (const o of await c.list(HPA.apiVersion, HPA.kind, environment.namespace, selector(service)))
    await c.delete({ ...HPA, metadata: { name: o.metadata?.name ?? "", namespace: environment.namespace } });
}

/** The rendered HPA of `build`, pointed at the Deployment `name` with `min` replicas at least. */
export function scaledAutoscaler(build: ServiceBuild, name: string, min: number): KubernetesObject | undefined {
  const hpa = build.objects.find((o) => o.kind === "HorizontalPodAutoscaler");
  return hpa && autoscalerFor(hpa, name, min);
}
