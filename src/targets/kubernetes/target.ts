/**
 * The kubernetes target: each revision of a service runs as its own Deployment and Service
 * (`SERVICE-rN`), made from the revision's rendering (`src/manifests/`, see manifests.ts) and
 * applied server-side as field manager `quikship`; traffic is split by the backend weights of the
 * service's HTTPRoute (without a Gateway by replica ratio, and a blue-green switch by the shared
 * Service's selector: ratio.ts, selector.ts); the preview route and the canary guard are kept on
 * that route. Status comes from the Deployments and their pods; the engine asks for it every poll
 * while it waits on a rollout. With `watch` (the server's) the namespace's objects are watched
 * (watched.ts) and status, like a deploy's reads, is answered from the watch without a request.
 * Otherwise, or while the watch is not synced, with `statusReuseMs` an answer is reused that long
 * (on the injected clock) unless quikship itself wrote to the service since: no object is read
 * more often than that while waited on.
 */
import { KUBERNETES_CAPABILITIES } from "./capabilities.js";
import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import { UnavailableError } from "../../errors.js";
import type { Clock } from "../../engine/clock.js";
import type {
  AutoscalerStatus,
  CanaryGuard,
  EnvironmentPeek,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionRequest,
  RevisionTraffic,
  ServiceStatus,
  Target,
} from "../target.js";
import { applyRevision, removeRevisionObjects } from "./apply.js";
import type { ClusterAccess, ClusterConnection } from "./connection.js";
import { WATCHED_KINDS, WatchedNamespace } from "./watched.js";
import type { ManifestSource } from "./manifests.js";
import { revisionObjects } from "./manifests.js";
import { followTraffic, liveAutoscaler, scaledAutoscaler } from "./autoscale.js";
import type { RouteState } from "./objects.js";
import { LABELS, revisionDeployment, revisionName, revisionService, route, routeState, selector } from "./objects.js";
import { revisionStatus } from "./health.js";
import { probePreview } from "./probe.js";
import type { LiveRevision } from "./ratio.js";
import { liveRevisions, ratioReplicas, resizes } from "./ratio.js";
import { isStableService, selecting } from "./selector.js";
import { selectedRevision, trafficSplit } from "../traffic-split.js";
import type { EnvironmentSplit } from "../traffic-split.js";

const RESTART_MANAGER = "quikship-restart";
const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
const RESTART_KEY = "quikship.io/restart-key";

/** What the target needs beyond its connections and clock. */
export interface KubernetesTargetTuning {
  /** How long a service's status may be answered again without reading the cluster (default 0: never). */
  statusReuseMs?: number;
  /**
   * Whether each namespace's managed objects are watched (see watched.ts), so that status and a
   * deploy's reads cost no request once synced (default false: every read asks the API server).
   */
  watch?: boolean;
}

/** What a service's status reads: with these watched and synced, it reads nothing from the API server. */
const STATUS_KINDS = WATCHED_KINDS.filter((k) => ["Deployment", "Pod", "HTTPRoute"].includes(k.kind));

export class KubernetesTarget implements Target {
  readonly kind = "kubernetes";
  readonly capabilities = KUBERNETES_CAPABILITIES;
  readonly #statuses = new Map<string, { atMs: number; status: ServiceStatus }>();
  readonly #watched = new Map<string, WatchedNamespace>();
  /** Writes finished so far: a status read while one finished may be older than it, so is not kept. */
  #writes = 0;

  constructor(
    readonly connect: (environment: Environment) => ClusterConnection,
    readonly clock: Clock,
    /** The start-up check (see Target.check); none: nothing to check. */
    readonly check?: (environments: Environment[]) => Promise<string[]>,
    /**
     * The revisions' renderings (`src/manifests/`, stored with each revision). Without it (the
     * target alone, given no platform) a revision is a bare Deployment and Service of the request.
     */
    readonly manifests?: ManifestSource,
    readonly tuning: KubernetesTargetTuning = {},
  ) {}

  /** The environment's cluster as the target reads and writes it: through its namespace's watch, when watching. */
  #cluster(environment: Environment): ClusterAccess {
    if (!this.tuning.watch) return this.connect(environment);
    const key = `${environment.name}\u0000${environment.cluster ?? ""}\u0000${environment.namespace}`;
    let watched = this.#watched.get(key);
    if (!watched)
      this.#watched.set(key, (watched = new WatchedNamespace(this.connect(environment), environment.namespace)));
    return watched;
  }

  /** Stops watching (a target that watches ends its watches when closed; they never keep the process alive). */
  close(): void {
    for (const w of this.#watched.values()) w.stop();
    this.#watched.clear();
  }

  /** After a write to a service, its next status reads the cluster again. */
  async #writing<T>(environment: Environment, service: Service, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.#writes++;
      this.#statuses.delete(`${environment.name}/${service.name}`);
    }
  }

  async ensureRevision(request: RevisionRequest, _signal: AbortSignal): Promise<void> {
    await this.#writing(request.environment, request.service, () => this.#ensure(request));
  }

  async #ensure(request: RevisionRequest): Promise<void> {
    const { environment, service, revision } = request;
    const c = this.#cluster(environment);
    const build = await this.manifests?.forRevision(environment, service, revision, request.tag);
    if (build) {
      const owner = await this.autoscaler(environment, service, revision);
      const ratio = this.trafficSplit(environment) === "replica ratio";
      const weights = ratio ? (await this.#route(environment, service)).weights : undefined;
      // An HPA owns the replicas: they stay as it set them, and its minimum becomes what was asked.
      const replicas = owner
        ? await this.#liveReplicas(c, environment, service, revision, request.replicas)
        : await this.#sized(c, environment, service, revision, request.replicas, weights);
      const objects = revisionObjects(environment, service, revision, replicas, build, request.replicas);
      // Without a Gateway the stable Service keeps selecting what it selects: a new colour waits for the switch.
      if (weights) objects.shared = selecting(objects.shared, service, selectedRevision(weights, revision));
      await applyRevision(c, environment, service, objects);
      const hpa = owner && scaledAutoscaler(build, service, revision, request.replicas);
      if (hpa) await c.apply([hpa]);
      return;
    }
    await c.apply([revisionService(environment, service, revision), revisionDeployment(request)]);
  }

  /** Deletes the revision's objects, found by their labels (its Deployment, Service and ConfigMap). */
  async removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    await this.#writing(environment, service, () =>
      removeRevisionObjects(this.#cluster(environment), environment, service, revision),
    );
  }

  async setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    await this.#writing(environment, service, () => this.#setWeights(environment, service, weights));
  }

  async #setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    const state = await this.#route(environment, service);
    const next = Object.fromEntries(Object.entries(weights).filter(([, w]) => w > 0));
    const ratio = this.trafficSplit(environment) === "replica ratio";
    const live = ratio ? await liveRevisions(this.#cluster(environment), environment, service) : [];
    // The selector before the route: the route's weights say what the selector was, should a retry come.
    if (ratio) await this.#select(environment, service, state.weights, next, live);
    await this.#applyRoute(environment, service, { ...state, weights: next });
    // The HPA goes before a split resizes the revision it sized, and comes back after the sizes do.
    const split = Object.keys(next).length > 1;
    if (split) await this.#autoscale(environment, service, next);
    if (ratio) await this.#resize(environment, service, next, live);
    if (!split) await this.#autoscale(environment, service, next);
  }

  /**
   * Without a Gateway: the stable Service re-applied selecting the revision with all the traffic
   * (every revision's pods while it is split), in one write, and only when that changes. A
   * blue-green switch and a switch back are this write.
   */
  async #select(
    environment: Environment,
    service: Service,
    before: Record<string, number>,
    next: Record<string, number>,
    live: LiveRevision[],
  ): Promise<void> {
    const only = live.length === 1 ? live[0]!.revision : undefined;
    const selected = selectedRevision(next);
    if (selected === selectedRevision(before, only)) return;
    const source = selected ?? Math.max(...Object.keys(next).map(Number));
    if (!Number.isFinite(source)) return;
    const build = await this.manifests?.forRevision(environment, service, source, undefined);
    if (!build) return;
    const shared = revisionObjects(environment, service, source, 0, build).shared;
    const stable = selecting(shared, service, selected).filter((o) => isStableService(o, service));
    if (stable.length > 0) await this.#cluster(environment).apply(stable);
  }

  async #liveReplicas(
    c: ClusterAccess,
    environment: Environment,
    service: Service,
    revision: number,
    fallback: number,
  ): Promise<number> {
    const metadata = { name: revisionName(service, revision), namespace: environment.namespace };
    const live = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
    return live?.spec?.replicas ?? fallback;
  }

  /** What a revision asked for `requested` runs: all of it, or its share of a replica-ratio split. */
  async #sized(
    c: ClusterAccess,
    environment: Environment,
    service: Service,
    revision: number,
    requested: number,
    weights: Record<string, number> | undefined,
  ): Promise<number> {
    if (!weights) return requested;
    return ratioReplicas(await liveRevisions(c, environment, service), weights, revision, requested);
  }

  /** Without a Gateway the weights are replica counts: each revision's Deployment re-applied at its share. */
  async #resize(
    environment: Environment,
    service: Service,
    weights: Record<string, number>,
    live: LiveRevision[],
  ): Promise<void> {
    const c = this.#cluster(environment);
    for (const { revision, replicas } of resizes(live, weights)) {
      const build = await this.manifests?.forRevision(environment, service, revision, undefined);
      if (!build) continue;
      const requested = live.find((r) => r.revision === revision)?.requested ?? replicas;
      const objects = revisionObjects(environment, service, revision, replicas, build, requested);
      await c.apply(objects.revision.filter((o) => o.kind === "Deployment"));
    }
  }

  /**
   * The rendered HPA scales the revision that serves all traffic; while traffic is split (a
   * canary, a rolling update) there is none, so it never resizes a revision the engine is sizing.
   */
  async #autoscale(environment: Environment, service: Service, weights: Record<string, number>): Promise<void> {
    if (!this.manifests) return;
    const routed = Object.keys(weights);
    const only = routed.length === 1 ? Number(routed[0]) : undefined;
    const build =
      only === undefined ? undefined : await this.manifests.forRevision(environment, service, only, undefined);
    await followTraffic(this.#cluster(environment), environment, service, only, build);
  }

  /** The HPA that sizes `revision` (it serves all traffic), or null. */
  async autoscaler(environment: Environment, service: Service, revision: number): Promise<AutoscalerStatus | null> {
    const live = await liveAutoscaler(this.#cluster(environment), environment, service);
    if (!live || live.target !== revisionName(service, revision)) return null;
    return { name: live.name, minReplicas: live.minReplicas, maxReplicas: live.maxReplicas };
  }

  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    if (move.to !== null) await this.setWeights(environment, service, { [move.to]: 100 });
    await this.removeRevision(environment, service, move.from);
  }

  /**
   * Stamps the pod template with `kubectl.kubernetes.io/restartedAt`, as `kubectl rollout restart`
   * does, under its own field manager; the key is stamped beside it, so a repeated key restarts nothing.
   */
  async restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    await this.#writing(environment, service, () => this.#restart(environment, service, revision, idempotencyKey));
  }

  async #restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    const c = this.#cluster(environment);
    const metadata = { name: revisionName(service, revision), namespace: environment.namespace };
    const live = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
    if (live?.spec?.template.metadata?.annotations?.[RESTART_KEY] === idempotencyKey) return;
    const annotations = { [RESTARTED_AT]: new Date(this.clock.now()).toISOString(), [RESTART_KEY]: idempotencyKey };
    const patch = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata,
      spec: { template: { metadata: { annotations } } },
    };
    await c.apply([patch], { manager: RESTART_MANAGER });
  }

  async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    // Watched and synced: the answer is current and costs no request, so it is never kept.
    const cluster = this.#cluster(environment);
    if (cluster instanceof WatchedNamespace && (await cluster.synced(STATUS_KINDS)))
      return this.#readStatus(environment, service);
    const key = `${environment.name}/${service.name}`;
    const now = this.clock.now();
    const kept = this.#statuses.get(key);
    if (kept && now - kept.atMs < (this.tuning.statusReuseMs ?? 0)) return structuredClone(kept.status);
    const writes = this.#writes;
    const status = await this.#readStatus(environment, service);
    if (this.tuning.statusReuseMs && writes === this.#writes)
      this.#statuses.set(key, { atMs: now, status: structuredClone(status) });
    return status;
  }

  async #readStatus(environment: Environment, service: Service): Promise<ServiceStatus> {
    const c = this.#cluster(environment);
    const deployments = (await c.list(
      "apps/v1",
      "Deployment",
      environment.namespace,
      selector(service),
    )) as V1Deployment[];
    const pods = (await c.list("v1", "Pod", environment.namespace, selector(service))) as V1Pod[];
    const state = await this.#route(environment, service);
    return {
      environment: environment.name,
      service: service.name,
      revisions: deployments.map((d) => revisionStatus(d, pods)).sort((a, b) => a.revision - b.revision),
      weights: state.weights,
      preview: state.preview,
      guard: state.guard,
    };
  }

  async peek(environment: Environment): Promise<EnvironmentPeek> {
    const c = this.#cluster(environment);
    const deployments = (await c.list(
      "apps/v1",
      "Deployment",
      environment.namespace,
      `${LABELS.managedBy}=quikship`,
    )) as V1Deployment[];
    const names = [...new Set(deployments.map((d) => d.metadata?.labels?.[LABELS.name] ?? ""))].sort();
    const services = await Promise.all(names.map((name) => this.status(environment, { name } as Service)));
    return { running: true, services, router: null };
  }

  /** It counts no traffic (`countsTraffic: false`): the traffic view reads the analysis provider. */
  traffic(): Promise<RevisionTraffic[]> {
    return Promise.resolve([]);
  }

  async logs(
    environment: Environment,
    service: Service,
    query: { revision?: number; after?: number },
  ): Promise<LogLine[]> {
    const c = this.connect(environment);
    const pods = (await c.list("v1", "Pod", environment.namespace, selector(service, query.revision))) as V1Pod[];
    if (pods.length === 0)
      throw new UnavailableError(`no pod of ${service.name} runs in ${environment.name}`, { retryable: false });
    const lines: LogLine[] = [];
    for (const pod of pods) {
      const name = pod.metadata?.name ?? "";
      const text = await c.podLog(environment.namespace, name);
      for (const line of text.split("\n").filter(Boolean)) {
        lines.push({ seq: lines.length + 1, at: this.clock.now(), instance: name, stream: "stdout", text: line });
      }
    }
    return lines.filter((l) => l.seq > (query.after ?? 0));
  }

  async setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    const state = await this.#route(environment, service);
    await this.#applyRoute(environment, service, { ...state, preview });
  }

  /** A GET of the health path through the Gateway at the environment's url, as the preview rule matches (probe.ts). */
  probePreview(environment: Environment, service: Service, signal: AbortSignal): Promise<PreviewCheck> {
    return probePreview(this.connect(environment), environment, service, signal);
  }

  async setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    const state = await this.#route(environment, service);
    const kept = guard ? { canary: guard.canary, stable: guard.stable, since: this.clock.now(), verdict: null } : null;
    await this.#applyRoute(environment, service, { ...state, guard: kept });
  }

  /** By HTTPRoute weights where the environment has a Gateway; else by replica ratio behind the one Service. */
  trafficSplit(environment: Environment): EnvironmentSplit {
    return trafficSplit(environment);
  }

  address(environment: Environment): Promise<string | undefined> {
    return Promise.resolve(environment.url);
  }

  async #route(environment: Environment, service: Service): Promise<RouteState> {
    const ref = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: service.name, namespace: environment.namespace },
    };
    return routeState(await this.#cluster(environment).read(ref));
  }

  async #applyRoute(environment: Environment, service: Service, state: RouteState): Promise<void> {
    await this.#writing(environment, service, () =>
      this.#cluster(environment).apply([route(environment, service, state)]),
    );
  }
}
