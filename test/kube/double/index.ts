/**
 * A TEST DOUBLE of the Kubernetes API server, written for quikship's tests from the Kubernetes API
 * reference; not a Kubernetes implementation. It serves, over plain HTTP on an ephemeral loopback
 * port, only what quikship's kubernetes target uses (see docs/kubernetes.md, "The test double:
 * what it covers and what it does not"), and runs simulated controllers (Deployment, ReplicaSet,
 * kubelet) whose time is an injected clock: tests call `advance(ms)` instead of sleeping.
 *
 * Each behaviour cites the API reference section it follows in its own file's header.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../../src/engine/clock.js";
import { ManualClock } from "../../../src/engine/clock.js";
import { KubeApi } from "./api.js";
import type { Controller } from "./cluster.js";
import { Cluster, R } from "./cluster.js";
import { DeploymentController } from "./deployments.js";
import type { Context } from "./http.js";
import { document, handle, parseTarget, send } from "./http.js";
import { EndpointsController } from "./endpoints.js";
import { Kubelet } from "./kubelet.js";
import { AutoscalerController, DisruptionController } from "./policy.js";
import type { Denial } from "./rbac.js";
import { forbidden, verbOf } from "./rbac.js";
import { ReplicaSetController } from "./replicasets.js";
import { ApiStatusError, expired } from "./status.js";
import { ObjectStore } from "./store.js";

/** The user every request is taken to come from (the kubeconfig's token is not checked). */
const USER = "system:serviceaccount:quikship:quikship";

export interface KubeDoubleOptions {
  /** The cluster's time. Default: a ManualClock at the current second that only `advance` moves. */
  clock?: Clock;
  /** Namespaces that exist from the start (others must be created, as on a real cluster). */
  namespaces?: string[];
  /** How long after creation a pod's containers start (and, unless crashing, become ready). Default 0. */
  podStartMs?: number;
  /** How many changes a watch can resume from (default 10,000); older resource versions answer 410 Gone. */
  watchHistory?: number;
  /** With a real clock: reconcile every this many milliseconds, so time-driven changes happen on their own. */
  reconcileEveryMs?: number;
}

export class KubeDouble {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly api: KubeApi;
  readonly cluster: Cluster;
  readonly kubelet: Kubelet;
  /**
   * The simulated controllers, run in order on every reconcile. Extension point: a controller that
   * answers traffic through HTTPRoute backend weights (for analysis) is pushed here.
   */
  readonly controllers: Controller[];
  #server = http.createServer((req, res) => void this.#serve(req, res));
  #watches = new Set<http.ServerResponse>();
  #timer: NodeJS.Timeout | undefined;
  #reconciling = false;
  #denials: Denial[] = [];
  /** Every API request served, as RBAC sees it (verb, API group, resource with subresource, namespace). */
  readonly requests: { verb: string; group: string; resource: string; namespace: string | undefined }[] = [];
  url = "";

  private constructor(opts: KubeDoubleOptions) {
    this.store = new ObjectStore(opts.watchHistory);
    // Starting at the real time keeps kubectl's AGE columns sensible.
    this.clock = opts.clock ?? new ManualClock(Math.floor(Date.now() / 1000) * 1000);
    this.api = new KubeApi(this.store, () => this.cluster.stamp());
    this.cluster = new Cluster(this.api, this.store, () => this.clock.now());
    this.kubelet = new Kubelet(opts.podStartMs ?? 0);
    this.controllers = [
      new AutoscalerController(),
      new DeploymentController(),
      new ReplicaSetController(),
      this.kubelet,
      new EndpointsController(),
      new DisruptionController(),
    ];
    for (const ns of opts.namespaces ?? []) this.createNamespace(ns);
  }

  static async start(opts: KubeDoubleOptions = {}): Promise<KubeDouble> {
    const double = new KubeDouble(opts);
    await new Promise<void>((resolve) => double.#server.listen(0, "127.0.0.1", resolve));
    double.url = `http://127.0.0.1:${(double.#server.address() as AddressInfo).port}`;
    if (opts.reconcileEveryMs) double.#timer = setInterval(() => double.reconcile(), opts.reconcileEveryMs);
    return double;
  }

  /** Refuses matching requests with 403 Forbidden from now on, as RBAC without the needed Role would. */
  deny(denial: Denial): void {
    this.#denials.push(denial);
  }

  createNamespace(name: string): void {
    this.api.create(
      R.namespaces,
      undefined,
      { apiVersion: "v1", kind: "Namespace", metadata: { name } },
      { manager: "test", dryRun: false, scope: "main" },
    );
  }

  /** Runs the controllers until nothing changes (a bounded number of passes). */
  reconcile(): void {
    if (this.#reconciling) return;
    this.#reconciling = true;
    try {
      for (let pass = 0; pass < 20; pass++) {
        const before = this.store.resourceVersion;
        for (const c of this.controllers) c.reconcile(this.cluster);
        if (this.store.resourceVersion === before) return;
      }
    } finally {
      this.#reconciling = false;
    }
  }

  /** Moves a ManualClock forward and lets the controllers act on the new time. */
  advance(ms: number): void {
    if (!(this.clock instanceof ManualClock)) throw new Error("advance() needs the double's ManualClock");
    this.clock.advance(ms);
    this.reconcile();
  }

  /** A kubeconfig with one context per entry (context name → namespace), all pointing at this double. */
  kubeconfig(contexts: Record<string, string>): string {
    const names = Object.keys(contexts);
    const lines = ["apiVersion: v1", "kind: Config", `current-context: ${names[0] ?? ""}`, "clusters:"];
    // @kubernetes/client-node refuses plain HTTP unless TLS verification is off; kubectl takes either.
    lines.push(
      "- name: double",
      "  cluster:",
      `    server: ${this.url}`,
      "    insecure-skip-tls-verify: true",
      "users:",
      "- name: tester",
      "  user:",
      "    token: double-token",
    );
    lines.push("contexts:");
    for (const [name, ns] of Object.entries(contexts)) {
      lines.push(`- name: ${name}`, "  context:", "    cluster: double", "    user: tester", `    namespace: ${ns}`);
    }
    return `${lines.join("\n")}\n`;
  }

  /**
   * Ends every open watch as an API server does when the version it streams from is compacted
   * away mid-stream ("API Concepts › Efficient detection of changes"): an `ERROR` event whose
   * object is a 410 `Expired` Status, then the end of the stream. A client must list again.
   */
  expireWatches(): void {
    const status = expired("watch", this.store.resourceVersion).toStatus();
    for (const res of this.#watches) res.end(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
  }

  /**
   * Stops answering, as an API server that went away: open watches end, connections close, the
   * port stops listening. The cluster's state stays; `resume` answers again on the same address.
   */
  async stop(): Promise<void> {
    for (const res of this.#watches) res.end();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Answers again on the address it had, with the state it kept. */
  async resume(): Promise<void> {
    const port = Number(new URL(this.url).port);
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const res of this.#watches) res.end();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://double");
    try {
      const doc = req.method === "GET" ? document(url.pathname) : undefined;
      if (doc !== undefined) return send(res, 200, doc);
      const target = parseTarget(url.pathname.split("/").filter(Boolean));
      if (!target) throw new ApiStatusError(404, "NotFound", "the server could not find the requested resource");
      const verb = verbOf(req.method ?? "GET", target.name, /^(1|true)$/.test(url.searchParams.get("watch") ?? ""));
      const resource = target.sub ? `${target.r.name}/${target.sub}` : target.r.name;
      this.requests.push({ verb, group: target.r.group, resource, namespace: target.ns });
      const denied = this.#denials.some(
        (d) =>
          d.verb === verb && d.resource === target.r.name && (d.namespace === undefined || d.namespace === target.ns),
      );
      if (denied) throw forbidden(USER, verb, target.r, target.ns, target.name, target.sub);
      const ctx: Context = {
        api: this.api,
        store: this.store,
        logs: (ns, pod, container) => this.kubelet.logs(ns, pod, container),
        afterWrite: () => this.reconcile(),
        nowMs: () => this.clock.now(),
        openWatches: this.#watches,
      };
      await handle(ctx, req, res, target, url.searchParams);
    } catch (error) {
      const status =
        error instanceof ApiStatusError
          ? error
          : new ApiStatusError(500, "InternalError", `test double bug: ${String(error)}`);
      if (!res.headersSent) send(res, status.code, status.toStatus());
      else res.end();
    }
  }
}
