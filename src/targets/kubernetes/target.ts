/**
 * The kubernetes target: each revision runs as its own Deployment and Service (`SERVICE-rN`), or,
 * where the service rolls, in its one Deployment `SERVICE` beside a Service per revision (rolling.ts),
 * made from the revision's rendering (manifests.ts), applied server-side as field manager `quikship`.
 * Traffic is split by the HTTPRoute's backend weights (without a Gateway by replica ratio or the
 * shared Service's selector: ratio.ts, selector.ts), which also keeps the preview route and guard.
 * Status comes from the Deployments, ReplicaSets and pods (status.ts). With `watch` the namespace's
 * objects are watched (watched.ts) and reads are answered from the watch without a request;
 * otherwise, with `statusReuseMs`, a status is reused that long unless quikship wrote since.
 */
import { KUBERNETES_CAPABILITIES, rollsOut } from "./capabilities.js";
import type { V1Deployment } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
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
  RolloutProgress,
  ServiceStatus,
  Target,
} from "../target.js";
import { applyRevision, removeRevisionObjects } from "./apply.js";
import type { ClusterAccess, ClusterConnection } from "./connection.js";
import { WATCHED_KINDS, WatchedNamespace } from "./watched.js";
import type { ManifestSource } from "./manifests.js";
import { REQUESTED_REPLICAS, revisionObjects } from "./manifests.js";
import { followTraffic, liveAutoscaler, scaledAutoscaler } from "./autoscale.js";
import type { RouteState } from "./objects.js";
import { LABELS, revisionDeployment, revisionName, revisionService, route, routeState, selector } from "./objects.js";
import { probePreview } from "./probe.js";
import { type LiveRevision, liveRevisions, ratioReplicas, resizes } from "./ratio.js";
import { isStableService, selecting } from "./selector.js";
import { selectedRevision, trafficSplit } from "../traffic-split.js";
import type { EnvironmentSplit } from "../traffic-split.js";
import { restartDeployment } from "./restart.js";
import { applyRolling } from "./rolling-apply.js";
import type { RollingWrite } from "./rolling-apply.js";
import { deploymentName, liveDeployment, liveRolling, revisionOf, rollingProgress } from "./rolling.js";
import { podLogs } from "./pods.js";
import { liveRevisionStatus } from "./status.js";

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
const STATUS_KINDS = WATCHED_KINDS.filter((k) => ["Deployment", "ReplicaSet", "Pod", "HTTPRoute"].includes(k.kind));

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
    if (build && revisionOf(await liveRolling(c, environment, service)) === revision) {
      // The rolling Deployment runs it (a scale): that Deployment re-applied with the replicas asked.
      const select = selectedRevision((await this.#route(environment, service)).weights, revision);
      return this.#applyRolling(
        environment,
        service,
        { revision, tag: request.tag, requested: request.replicas },
        select,
      );
    }
    if (build) {
      const owner = await this.autoscaler(environment, service, revision);
      const ratio = this.trafficSplit(environment) === "replica ratio";
      const weights = ratio ? (await this.#route(environment, service)).weights : undefined;
      // An HPA owns the replicas: they stay as it set them, and its minimum becomes what was asked.
      const replicas = owner
        ? ((await liveDeployment(c, environment, service, revision))?.spec?.replicas ?? request.replicas)
        : await this.#sized(c, environment, service, revision, request.replicas, weights);
      const objects = revisionObjects(environment, service, revision, replicas, build, request.replicas);
      // Without a Gateway the stable Service keeps selecting what it selects: a new colour waits for the switch.
      if (weights) objects.shared = selecting(objects.shared, service, selectedRevision(weights, revision));
      await applyRevision(c, environment, service, objects);
      const hpa = owner && scaledAutoscaler(build, revisionName(service, revision), request.replicas);
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
      if (live.find((r) => r.revision === revision)?.rolling) {
        const write = { revision, tag: undefined, requested, replicas };
        await this.#applyRolling(environment, service, write, selectedRevision(weights));
        continue;
      }
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
    // With a Gateway the rolling Deployment keeps its HPA while it shares the traffic: the engine sizes no revision in it.
    const rolling = revisionOf(await liveRolling(this.#cluster(environment), environment, service));
    const keep = this.trafficSplit(environment) === "weights" && routed.includes(String(rolling)) ? rolling : undefined;
    const only = routed.length === 1 ? Number(routed[0]) : keep;
    const build =
      only === undefined ? undefined : await this.manifests.forRevision(environment, service, only, undefined);
    await followTraffic(this.#cluster(environment), environment, service, only, build);
  }

  /** The HPA that sizes `revision` (it serves all traffic), or null. */
  async autoscaler(environment: Environment, service: Service, revision: number): Promise<AutoscalerStatus | null> {
    const live = await liveAutoscaler(this.#cluster(environment), environment, service);
    if (!live || live.target !== (await deploymentName(this.#cluster(environment), environment, service, revision)))
      return null;
    return { name: live.name, minReplicas: live.minReplicas, maxReplicas: live.maxReplicas };
  }

  /**
   * Where the rolling Deployment runs `from` and `to` has no Deployment of its own, `to`'s stored
   * rendering is applied to it again (a declarative `kubectl rollout undo`) before the traffic moves.
   */
  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    const c = this.#cluster(environment);
    const rolling = await liveRolling(c, environment, service);
    if (move.to !== null && rolling && revisionOf(rolling) === move.from) {
      const own = (await c.list("apps/v1", "Deployment", environment.namespace, selector(service, move.to))).length > 0;
      const requested = Number(rolling.metadata?.annotations?.[REQUESTED_REPLICAS] ?? rolling.spec?.replicas ?? 1);
      const write = { revision: move.to, tag: undefined, requested };
      if (!own) await this.#applyRolling(environment, service, write, move.to);
    }
    if (move.to !== null) await this.setWeights(environment, service, { [move.to]: 100 });
    await this.removeRevision(environment, service, move.from);
  }

  /** Where the service rolls (its effective strategy is rolling) and its renderings are stored: see rolling.ts. */
  rollsOut(environment: Environment, service: Service): boolean {
    return this.manifests !== undefined && rollsOut(environment, service);
  }

  /** Applies the revision to the rolling Deployment; without a Gateway the stable Service selects every pod meanwhile. */
  async rollOut(request: RevisionRequest, _signal: AbortSignal): Promise<void> {
    const { environment, service, revision, tag, replicas } = request;
    await this.#applyRolling(environment, service, { revision, tag, requested: replicas }, undefined);
  }

  /** The rolling Deployment's rollout, as `kubectl rollout status` judges it (from the watch when watching). */
  async rolloutProgress(environment: Environment, service: Service, revision: number): Promise<RolloutProgress> {
    return rollingProgress(await liveRolling(this.#cluster(environment), environment, service), service, revision);
  }

  /** Without a Gateway the stable Service selects `select`'s pods, or every pod of the service (undefined: a split, a roll). */
  async #applyRolling(
    environment: Environment,
    service: Service,
    write: Omit<RollingWrite, "ratio">,
    select: number | undefined,
  ): Promise<void> {
    if (!this.manifests) return;
    const ratio = this.trafficSplit(environment) === "replica ratio" ? { select } : undefined;
    await this.#writing(environment, service, () =>
      applyRolling(this.#cluster(environment), this.manifests!, environment, service, { ...write, ratio }),
    );
  }

  /** Stamps the pod template with `kubectl.kubernetes.io/restartedAt` (restart.ts); a repeated key restarts nothing. */
  async restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    await this.#writing(environment, service, () =>
      restartDeployment(this.#cluster(environment), this.clock, environment, service, revision, idempotencyKey),
    );
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
    const revisions = await liveRevisionStatus(this.#cluster(environment), environment, service);
    const state = await this.#route(environment, service);
    return {
      environment: environment.name,
      service: service.name,
      revisions,
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

  /** The pods' output (pods.ts): read from the API server, never from the watch. */
  logs(environment: Environment, service: Service, query: { revision?: number; after?: number }): Promise<LogLine[]> {
    return podLogs(this.connect(environment), this.clock, environment, service, query);
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
