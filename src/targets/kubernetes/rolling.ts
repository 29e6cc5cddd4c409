/**
 * The rolling layout: in an environment whose service rolls (its effective strategy is `rolling`)
 * the service runs as ONE Deployment named `SERVICE`, and a new revision is a server-side apply of
 * its stored rendering to it; the Deployment controller rolls it (RollingUpdate within the
 * rendered maxSurge/maxUnavailable, minReadySeconds, progressDeadlineSeconds). The pod template
 * carries the revision label, so each revision's Service `SERVICE-rN` (the route's backends)
 * selects that revision's pods whichever ReplicaSet runs them. The Deployment's selector
 * (`quikship.io/rolling: "true"` beside the rendered labels) never changes, and names no revision,
 * so pods of a canary's `SERVICE-rN` Deployment are never its. Its labels name the revision it
 * rolls to, so what finds a revision's Deployment by label (prune, scale, restart) finds it.
 * Its revisions, as status reports them, are its ReplicaSets grouped by that label. The objects,
 * status and progress are pure; `liveRolling`, `deploymentName`, `liveDeployment` and
 * `rollingReplicaSets` read the cluster (through the watch when it is synced).
 */
import type { KubernetesObject, V1Deployment, V1Pod, V1ReplicaSet } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { ServiceBuild } from "../../manifests/built.js";
import type { RevisionStatus, RolloutProgress } from "../types.js";
import type { ClusterAccess } from "./connection.js";
import { podProblems, revisionHealth } from "./health.js";
import type { RevisionObjects } from "./manifests.js";
import { revisionObjects } from "./manifests.js";
import { LABELS, revisionName, selector } from "./objects.js";
import { instanceOf } from "./pods.js";
import { rolloutState } from "./rollout.js";

/** On the rolling Deployment, its selector and its pod template. */
export const ROLLING_LABEL = "quikship.io/rolling";

type Json = Record<string, unknown>;
const record = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

/** Whether a live Deployment is a service's rolling Deployment (named `SERVICE`, not `SERVICE-rN`). */
export function isRolling(d: KubernetesObject | undefined): boolean {
  return d?.metadata?.labels?.[ROLLING_LABEL] === "true";
}

/**
 * `revision`'s objects from its rendering, its Deployment made the rolling one: named `SERVICE`,
 * selecting the rendered labels and the rolling label, its template labelled with the revision.
 */
export function rollingObjects(
  environment: Environment,
  service: Service,
  revision: number,
  replicas: number,
  build: ServiceBuild,
  requested = replicas,
): RevisionObjects {
  const objects = revisionObjects(environment, service, revision, replicas, build, requested);
  objects.revision = objects.revision.map((o) => {
    if (o.kind !== "Deployment") return o;
    const d = o as Json & KubernetesObject;
    const spec = record(d.spec);
    const template = record(spec.template);
    const { [LABELS.revision]: _revision, ...matchLabels } = record(record(spec.selector).matchLabels);
    const fixed = {
      ...matchLabels,
      [LABELS.name]: service.name,
      [LABELS.managedBy]: "quikship",
      [ROLLING_LABEL]: "true",
    };
    const podLabels = { ...record(record(template.metadata).labels), ...fixed, [LABELS.version]: build.tag };
    return {
      ...d,
      metadata: {
        ...d.metadata,
        name: service.name,
        labels: { ...d.metadata?.labels, [ROLLING_LABEL]: "true", [LABELS.version]: build.tag },
      },
      spec: {
        ...spec,
        selector: { matchLabels: fixed },
        template: { ...template, metadata: { ...record(template.metadata), labels: podLabels } },
      },
    } as KubernetesObject;
  });
  return objects;
}

/** The service's rolling Deployment, if it has one. */
export async function liveRolling(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
): Promise<V1Deployment | undefined> {
  const metadata = { name: service.name, namespace: environment.namespace };
  const live = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
  return live && isRolling(live) ? live : undefined;
}

/** The revision a live Deployment runs (its label). */
export function revisionOf(d: KubernetesObject | undefined): number | undefined {
  const n = Number(d?.metadata?.labels?.[LABELS.revision]);
  return Number.isInteger(n) ? n : undefined;
}

/** The name of the Deployment that runs `revision`: the rolling one when it does, else `SERVICE-rN`. */
export async function deploymentName(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  revision: number,
): Promise<string> {
  const rolling = await liveRolling(c, environment, service);
  return rolling && revisionOf(rolling) === revision ? service.name : revisionName(service, revision);
}

/** The live Deployment that runs `revision` (see deploymentName), if any. */
export async function liveDeployment(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
  revision: number,
): Promise<V1Deployment | undefined> {
  const metadata = { name: await deploymentName(c, environment, service, revision), namespace: environment.namespace };
  return c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
}

/**
 * The rolling Deployment's revisions: its ReplicaSets that run or are asked for pods, grouped by
 * the revision label; the Deployment's conditions are the newest revision's.
 */
export function rollingStatus(d: V1Deployment, replicaSets: V1ReplicaSet[], pods: V1Pod[]): RevisionStatus[] {
  const uid = d.metadata?.uid;
  const owned = replicaSets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === uid));
  const current = revisionOf(d);
  const byRevision = new Map<number, { desired: number; ready: number; tag: string }>();
  for (const rs of owned) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    const seen = byRevision.get(revision) ?? { desired: 0, ready: 0, tag: rs.metadata?.labels?.[LABELS.version] ?? "" };
    seen.desired += rs.spec?.replicas ?? 0;
    seen.ready += rs.status?.readyReplicas ?? 0;
    byRevision.set(revision, seen);
  }
  if (current !== undefined && !byRevision.has(current))
    byRevision.set(current, { desired: 0, ready: 0, tag: d.metadata?.labels?.[LABELS.version] ?? "" });
  const out: RevisionStatus[] = [];
  for (const [revision, seen] of byRevision) {
    const mine = pods.filter((p) => p.metadata?.labels?.[ROLLING_LABEL] === "true" && revisionOf(p) === revision);
    if (revision !== current && seen.desired === 0 && mine.length === 0) continue;
    const health = revision === current ? revisionHealth(d, mine) : { problems: podProblems(mine), failed: null };
    const instances = mine.map((p) => instanceOf(p));
    out.push({
      revision,
      tag: seen.tag,
      desired: seen.desired,
      ready: seen.ready,
      restarts: instances.reduce((n, i) => n + i.restarts, 0),
      instances,
      problems: health.problems,
      failed: health.failed,
    });
  }
  return out;
}

/** How the rolling Deployment's rollout to `revision` stands, judged as `kubectl rollout status` does. */
export function rollingProgress(d: V1Deployment | undefined, service: Service, revision: number): RolloutProgress {
  if (!d) return { state: "failed", message: `the Deployment ${service.name} is gone` };
  const runs = revisionOf(d);
  if (runs !== revision)
    return { state: "failed", message: `the Deployment ${service.name} was since given revision ${runs ?? "none"}` };
  const s = rolloutState(d);
  return s.kind === "progressing"
    ? { state: "progressing", message: s.message }
    : s.kind === "complete"
      ? { state: "complete", message: `deployment "${service.name}" successfully rolled out` }
      : { state: "failed", message: s.message };
}

/** The service's ReplicaSets of its rolling Deployment. */
export function rollingReplicaSets(
  c: ClusterAccess,
  environment: Environment,
  service: Service,
): Promise<KubernetesObject[]> {
  return c.list("apps/v1", "ReplicaSet", environment.namespace, `${selector(service)},${ROLLING_LABEL}=true`);
}
