import { randomBytes } from "node:crypto";
import type { Clock } from "../../engine/clock.js";
import { systemClock } from "../../engine/clock.js";
import { ConflictError, InputError, NotFoundError } from "../../errors.js";
import type {
  CanaryGuard,
  GuardState,
  PreviewRoute,
  RevisionSpec,
  RevisionStatus,
  RevisionTraffic,
  RouterStatus,
  ServiceStatus,
} from "../contract.js";
import { freePort } from "./health.js";
import type { InstanceEvent } from "./instance.js";
import { Instance } from "./instance.js";
import type { LogLine } from "./logs.js";
import { LogBook } from "./logs.js";
import { InstanceRegistry } from "./registry.js";
import { gauge, mergeExpositions } from "./prometheus.js";
import { Revision } from "./revision.js";
import type { Router, RouterFactory } from "./routing.js";
import { Routers } from "./routing.js";
import { UsageSampler } from "./usage.js";
import { isKind } from "../../kind.js";

export type SupervisorEvent = InstanceEvent & { environment: string; service: string; revision: number };

export interface SupervisorOptions {
  /** Holds `logs/` and `agent-instances.json`. */
  stateDir: string;
  createRouter: RouterFactory;
  /** Paces health probes and restart backoff; the system clock unless a test moves time itself. */
  clock?: Clock;
  /** Where PATH, HOME, LANG and TZ of the instances come from (default: the agent's environment). */
  inheritFrom?: NodeJS.ProcessEnv;
  onEvent?: (event: SupervisorEvent) => void;
  /** Lines kept in memory per revision (default 2,000). */
  logCapacity?: number;
  /** Time between SIGTERM and SIGKILL when stopping an instance (default 5 s). */
  stopGraceMs?: number;
  /** A router's canary guard aborted: the service's traffic is on its stable revision already. */
  onGuardAbort?: (environment: string, service: string, state: GuardState) => void;
}

const INHERITED = ["PATH", "HOME", "LANG", "TZ"] as const;

/**
 * Runs revisions of services as processes and keeps each environment's router pointed at the
 * ready instances, weighted as told. Effects only; what to run and when is the server's decision.
 */
export class Supervisor {
  readonly #clock: Clock;
  readonly #baseEnv: Record<string, string> = {};
  readonly #onEvent: (event: SupervisorEvent) => void;
  readonly #logs: LogBook;
  readonly #registry: InstanceRegistry;
  readonly #routers: Routers;
  readonly #revisions = new Map<string, Revision>();
  /** Percent of traffic by revision, per `env/service`. */
  readonly #weights = new Map<string, Record<number, number>>();
  /** Preview routes per `env/service`; guards live in the routers, which judge. */
  readonly #previews = new Map<string, PreviewRoute>();
  readonly #usage: UsageSampler;
  readonly #ports = new Set<number>();
  readonly #stopGraceMs: number | undefined;

  constructor(options: SupervisorOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#usage = new UsageSampler(undefined, () => this.#clock.now());
    const from = options.inheritFrom ?? process.env;
    for (const name of INHERITED) if (from[name] !== undefined) this.#baseEnv[name] = from[name];
    this.#onEvent = options.onEvent ?? (() => {});
    this.#stopGraceMs = options.stopGraceMs;
    this.#logs = new LogBook(options.stateDir, { capacity: options.logCapacity, now: () => this.#clock.now() });
    this.#registry = new InstanceRegistry(options.stateDir);
    this.#routers = new Routers(options.createRouter, (environment, service, state) => {
      // The router moved the traffic itself; the weights follow, so status tells the truth and no later change of instances undoes it.
      this.#weights.set(`${environment}/${service}`, { [state.stable]: 100 });
      this.#route(environment, service);
      options.onGuardAbort?.(environment, service, state);
    });
  }

  async ensureRouter(environment: string, port?: number): Promise<RouterStatus> {
    const status = await this.#routers.ensure(environment, port);
    for (const service of new Set(
      [...this.#revisions.values()].filter((r) => r.spec.environment === environment).map((r) => r.spec.service),
    )) {
      this.#route(environment, service);
    }
    return status;
  }

  routers(): RouterStatus[] {
    return this.#routers.list();
  }

  /** Runs a revision, or resizes it when it runs already. Its first revision gets a service's whole traffic. */
  async applyRevision(spec: RevisionSpec): Promise<RevisionStatus> {
    const key = `${spec.environment}/${spec.service}`;
    let revision = this.#revisions.get(`${key}/${spec.revision}`);
    if (revision) {
      const was = revision.spec;
      if (
        was.tag !== spec.tag ||
        JSON.stringify(was.command) !== JSON.stringify(spec.command) ||
        was.cwd !== spec.cwd
      ) {
        throw new ConflictError(
          `revision ${spec.revision} of ${spec.service} in ${spec.environment} already runs ${was.tag} with another command; a change needs a new revision`,
        );
      }
      revision.spec = spec;
    } else {
      revision = new Revision(spec, {
        newInstance: (r) => this.#newInstance(r),
        release: (i) => this.#ports.delete(i.port),
        changed: (r) => this.#route(r.spec.environment, r.spec.service),
      });
      this.#revisions.set(revision.key, revision);
      if (!this.#weights.has(key)) this.#weights.set(key, { [spec.revision]: 100 });
    }
    await revision.resize(spec.replicas);
    return revision.status();
  }

  /** Stops a revision's instances and forgets it; its traffic weight goes with it. Unknown ones are already gone. */
  async deleteRevision(environment: string, service: string, number: number): Promise<void> {
    const revision = this.#revisions.get(`${environment}/${service}/${number}`);
    if (!revision) return;
    this.#revisions.delete(revision.key);
    const weights = this.#weights.get(`${environment}/${service}`);
    if (weights) delete weights[number];
    const stopping = revision.stop();
    const key = `${environment}/${service}`;
    if (this.#previews.get(key)?.revision === number) {
      this.#previews.delete(key);
      this.#routers.get(environment)?.setPreview(service, null);
    }
    if (this.#serviceRevisions(environment, service).length === 0) {
      this.#weights.delete(key);
      this.#routers.get(environment)?.setGuard(service, null);
    }
    await stopping;
  }

  /** Sets the traffic split of a service (percent by revision, adding up to 100, or all 0); applies from the next request. */
  setWeights(environment: string, service: string, weights: Record<string, number>): ServiceStatus {
    const known = new Set(this.#serviceRevisions(environment, service).map((r) => r.spec.revision));
    const next: Record<number, number> = {};
    for (const [name, percent] of Object.entries(weights)) {
      const number = Number(name);
      if (!known.has(number))
        throw new NotFoundError(
          `${service} has no revision ${name} in ${environment} (running: ${[...known].join(", ") || "none"})`,
        );
      if (!Number.isFinite(percent) || percent < 0)
        throw new InputError(`weight of revision ${name} must be a percentage ≥ 0, not ${percent}`);
      next[number] = percent;
    }
    const sum = Object.values(next).reduce((a, b) => a + b, 0);
    if (sum !== 0 && Math.abs(sum - 100) > 1e-9)
      throw new InputError(`weights of ${service} in ${environment} add up to ${sum}, not 100`);
    this.#weights.set(`${environment}/${service}`, next);
    this.#route(environment, service);
    return this.#serviceStatus(environment, service);
  }

  /** Puts a running revision on the service's preview route, mirroring `mirrorPercent` of live reads to it; null removes the route. */
  setPreview(environment: string, service: string, preview: PreviewRoute | null): ServiceStatus {
    const router = this.#router(environment);
    const key = `${environment}/${service}`;
    if (preview) {
      this.revision(environment, service, preview.revision);
      this.#previews.set(key, { revision: preview.revision, mirrorPercent: preview.mirrorPercent });
    } else {
      this.#previews.delete(key);
    }
    router.setPreview(service, preview && { revision: preview.revision, mirrorPercent: preview.mirrorPercent });
    return this.#serviceStatus(environment, service);
  }

  /** Installs the service's canary guard in its router, counting from now; null removes it. */
  setGuard(environment: string, service: string, guard: CanaryGuard | null): ServiceStatus {
    const router = this.#router(environment);
    if (guard) {
      if (guard.canary === guard.stable)
        throw new InputError(`the guard's canary and stable revision of ${service} are both ${guard.canary}`);
      this.revision(environment, service, guard.canary);
      this.revision(environment, service, guard.stable);
    }
    router.setGuard(service, guard);
    return this.#serviceStatus(environment, service);
  }

  /** The revision, or a not-found error naming what runs. */
  revision(environment: string, service: string, number: number): Revision {
    const revision = this.#revisions.get(`${environment}/${service}/${number}`);
    if (revision) return revision;
    const running = this.#serviceRevisions(environment, service).map((r) => r.spec.revision);
    throw new NotFoundError(
      `${service} has no revision ${number} in ${environment} (running: ${running.join(", ") || "none"})`,
    );
  }

  /** Rolling restart; resolves when every instance was replaced. A key seen before restarts nothing. */
  restart(
    environment: string,
    service: string,
    number: number,
    options: { batch?: number; key?: string } = {},
  ): Promise<void> {
    return this.revision(environment, service, number).rollingRestart(options.batch, options.key);
  }

  status(environment?: string): ServiceStatus[] {
    const services = new Set([...this.#revisions.values()].map((r) => `${r.spec.environment}/${r.spec.service}`));
    const statuses = [...services]
      .sort()
      .map((key) => key.split("/") as [string, string])
      .filter(([env]) => environment === undefined || env === environment)
      .map(([env, service]) => this.#serviceStatus(env, service));
    // Samples of processes that are gone (replaced, restarted) are dropped.
    this.#usage.retain(
      new Set(
        [...this.#revisions.values()].flatMap((r) =>
          r.status().instances.flatMap((i) => (i.pid === null ? [] : [i.pid])),
        ),
      ),
    );
    return statuses;
  }

  traffic(environment: string, service: string): RevisionTraffic[] {
    return this.#routers.get(environment)?.traffic(service) ?? [];
  }

  logs(environment: string, service: string, options: { revision?: number; after?: number } = {}): LogLine[] {
    return this.#logs.read(environment, service, options);
  }

  /** The routers' metrics and the instances' restarts and readiness, in Prometheus text format. */
  prometheus(): string {
    const routers = this.#routers.list().map((r) => this.#routers.get(r.environment)?.prometheus() ?? "");
    const revisions = [...this.#revisions.values()].map((r) => ({
      labels: { environment: r.spec.environment, service: r.spec.service, revision: r.spec.revision },
      status: r.status(),
    }));
    return mergeExpositions([
      ...routers,
      gauge(
        "quikship_instance_restarts",
        "Restarts of a revision's running instances.",
        revisions.map((r) => ({ labels: r.labels, value: r.status.restarts })),
      ),
      gauge(
        "quikship_instances_ready",
        "Ready instances of a revision.",
        revisions.map((r) => ({ labels: r.labels, value: r.status.ready })),
      ),
      gauge(
        "quikship_instances_desired",
        "Replicas a revision should run.",
        revisions.map((r) => ({ labels: r.labels, value: r.status.desired })),
      ),
    ]);
  }

  /** Stops every instance (SIGTERM, then SIGKILL after 5 s) and every router. */
  async close(): Promise<void> {
    const revisions = [...this.#revisions.values()];
    this.#revisions.clear();
    await Promise.all(revisions.map((r) => r.stop()));
    await this.#routers.close();
    await this.#logs.close();
    this.#registry.clear();
  }

  #serviceRevisions(environment: string, service: string): Revision[] {
    return [...this.#revisions.values()]
      .filter((r) => r.spec.environment === environment && r.spec.service === service)
      .sort((a, b) => a.spec.revision - b.spec.revision);
  }

  #serviceStatus(environment: string, service: string): ServiceStatus {
    const key = `${environment}/${service}`;
    const weights = this.#weights.get(key) ?? {};
    const preview = this.#previews.get(key);
    return {
      environment,
      service,
      revisions: this.#serviceRevisions(environment, service).map((r) => this.#withUsage(r.status())),
      weights: { ...weights },
      preview: preview ? { ...preview } : null,
      guard: this.#routers.get(environment)?.guardState(service) ?? null,
    };
  }

  /** A revision's status with the CPU and memory of its running instances. */
  #withUsage(status: RevisionStatus): RevisionStatus {
    const pids = status.instances.flatMap((i) =>
      i.pid !== null && i.state !== "crashed" && i.state !== "stopped" ? [i.pid] : [],
    );
    return { ...status, ...this.#usage.usage(pids) };
  }

  #router(environment: string): Router {
    const router = this.#routers.get(environment);
    if (!router)
      throw new ConflictError(
        `the router of ${environment} does not run; start it first (PUT /v1/routers/${environment})`,
      );
    return router;
  }

  /** Points the router at the ready instances of each revision of a service, with its weight. */
  #route(environment: string, service: string): void {
    const weights = this.#weights.get(`${environment}/${service}`) ?? {};
    const backends = this.#serviceRevisions(environment, service).map((r) => ({
      revision: r.spec.revision,
      weight: weights[r.spec.revision] ?? 0,
      targets: r.readyTargets(),
    }));
    this.#routers.tell(environment, service, backends);
  }

  async #newInstance(revision: Revision): Promise<Instance> {
    const port = await freePort(this.#ports);
    this.#ports.add(port);
    const { environment, service, revision: number } = revision.spec;
    const log = this.#logs.writer(environment, service, number, () =>
      revision.spec.secretNames.map((n) => revision.spec.env[n] ?? ""),
    );
    return new Instance({
      id: `${service}-${number}-${randomBytes(3).toString("hex")}`,
      port,
      spec: () => revision.spec,
      baseEnv: this.#baseEnv,
      clock: this.#clock,
      log,
      registry: this.#registry,
      stopGraceMs: this.#stopGraceMs,
      onEvent: (event) => {
        if (!isKind(event, "started")) this.#route(environment, service);
        this.#onEvent({ ...event, environment, service, revision: number });
      },
    });
  }
}
