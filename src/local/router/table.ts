import { InputError } from "../../errors.js";
import type { CanaryGuard, GuardState, PreviewRoute } from "../contract.js";
import { Guard } from "./guard.js";
import type { RevisionMetrics } from "./metrics.js";
import { MetricsBook, record } from "./metrics.js";
import type { Backend, ServiceRoute } from "./routes.js";
import { compileRoute } from "./routes.js";

/**
 * What the router knows per service: its compiled routes, preview route and canary guard, and
 * every revision's counters. Counting a response is where a guard judges, and an abort moves the
 * weights here, from the response that decided it: no request after it reaches the canary.
 */
export class RouteTable {
  readonly routes = new Map<string, ServiceRoute>();
  readonly metrics: MetricsBook;
  readonly #previews = new Map<string, PreviewRoute>();
  readonly #guards = new Map<string, Guard>();

  constructor(
    environment: string,
    private readonly onAbort: (service: string, state: GuardState) => void,
  ) {
    this.metrics = new MetricsBook(environment);
  }

  setRoutes(service: string, backends: readonly Backend[]): void {
    this.routes.set(
      service,
      compileRoute(service, backends, (revision) => this.metrics.of(service, revision)),
    );
  }

  /** Forgets the service: routes, counters, preview and guard. */
  removeService(service: string): void {
    this.routes.delete(service);
    this.metrics.forget(service);
    this.#previews.delete(service);
    this.#guards.delete(service);
  }

  setPreview(service: string, preview: PreviewRoute | null): void {
    if (!preview) {
      this.#previews.delete(service);
      return;
    }
    const { revision, mirrorPercent } = preview;
    if (!Number.isInteger(revision) || revision < 0)
      throw new InputError(`${service}: the preview revision must be a non-negative integer, got ${revision}`);
    if (!Number.isFinite(mirrorPercent) || mirrorPercent < 0 || mirrorPercent > 100)
      throw new InputError(`${service}: mirrorPercent must be 0–100, got ${mirrorPercent}`);
    this.#previews.set(service, { revision, mirrorPercent });
  }

  preview(service: string): PreviewRoute | undefined {
    return this.#previews.get(service);
  }

  /** Installs a guard with the canary's and stable's counters of now as its baseline, replacing any other (and its verdict). */
  setGuard(service: string, guard: CanaryGuard | null): void {
    if (!guard) {
      this.#guards.delete(service);
      return;
    }
    if (guard.canary === guard.stable)
      throw new InputError(`${service}: the guard's canary and stable must be two revisions, both are ${guard.canary}`);
    this.#guards.set(service, new Guard(guard, (revision) => this.metrics.of(service, revision)));
  }

  /**
   * For a read of the guarded canary `revision`: the stable revision that answers it instead when
   * the canary fails it, and after how long without an answer the stable revision is asked too
   * (the latency warning threshold). Undefined when the revision is no guarded canary.
   */
  shieldFor(service: string, revision: number): { stable: number; hedgeMs: number | undefined } | undefined {
    const guard = this.#guards.get(service);
    if (!guard || guard.verdict || guard.spec.canary !== revision) return undefined;
    return { stable: guard.spec.stable, hedgeMs: guard.spec.thresholds.latencyP99Ms?.warning };
  }

  guardState(service: string): GuardState | null {
    return this.#guards.get(service)?.state() ?? null;
  }

  /** Counts a response of a revision; the service's guard judges it, and an abort sends all traffic to the stable revision. */
  count(metrics: RevisionMetrics, status: number, latencyMs: number): void {
    record(metrics, status, latencyMs);
    const guard = this.#guards.get(metrics.service);
    if (!guard?.observe(metrics.revision)) return;
    const route = this.routes.get(metrics.service);
    const { stable } = guard.spec;
    if (route)
      this.setRoutes(
        metrics.service,
        route.backends.map((b) => ({ ...b, weight: b.revision === stable ? 100 : 0 })),
      );
    this.onAbort(metrics.service, guard.state());
  }
}
