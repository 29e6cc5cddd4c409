/**
 * A connection to the cluster of one environment: the kubeconfig context the environment names in
 * `cluster` (else the kubeconfig's current context, or the in-cluster service account when quikship
 * runs in a pod), and server-side apply as field manager `quikship`. Every failure is a
 * QuikshipError naming the environment and the context (see errors.ts).
 */
import http from "node:http";
import https from "node:https";
import { ApiException, CoreV1Api, KubeConfig, PatchStrategy, VersionApi } from "@kubernetes/client-node";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment } from "../../config/types.js";
import { InputError } from "../../errors.js";
import type { ClusterAction } from "./errors.js";
import { clusterError } from "./errors.js";
import { ApiRequests } from "./requests.js";
import type { WatchStream } from "./requests.js";

export const FIELD_MANAGER = "quikship";

/** Which object to read: its apiVersion, kind, namespace and name. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/**
 * Makes every request of `config` share keep-alive connections. @kubernetes/client-node 1.x gives
 * each request a new agent, so each opens a connection (a TLS handshake on a real cluster) and
 * closes it; requests through a proxy keep their agent.
 */
const IDLE_CONNECTION_MS = 4_000;

function reuseConnections(config: KubeConfig): void {
  const authenticate = config.applySecurityAuthentication.bind(config);
  const agents = new Map<string, http.Agent>();
  config.applySecurityAuthentication = async (context) => {
    await authenticate(context);
    const fresh = context.getAgent();
    const plain = fresh?.constructor === http.Agent || fresh?.constructor === https.Agent;
    if (!fresh || !plain) return;
    const options = (fresh as http.Agent & { options: https.AgentOptions }).options;
    const key = JSON.stringify(options);
    let agent = agents.get(key);
    if (!agent) {
      // An idle connection is closed before a server would close it (Node's default: after 5 s),
      // so a request never goes out on a connection the server is closing.
      const shared = { ...options, keepAlive: true, timeout: IDLE_CONNECTION_MS };
      agent = fresh instanceof https.Agent ? new https.Agent(shared) : new http.Agent(shared);
      agents.set(key, agent);
    }
    context.setAgent(agent);
  };
}

/** The query of a server-side apply, per field manager and dry run: made once each. */
const applyQueries = new Map<string, string>();

function applyQuery(manager: string, dryRun: boolean): string {
  const key = `${manager}\u0000${dryRun}`;
  let query = applyQueries.get(key);
  if (query === undefined) {
    const params = new URLSearchParams({ fieldManager: manager, force: "false" });
    if (dryRun) params.set("dryRun", "All");
    applyQueries.set(key, (query = params.toString()));
  }
  return query;
}

/** The kubeconfig at `path`, or the default one ($KUBECONFIG, ~/.kube/config, else the pod's service account). */
export function loadKubeConfig(path: string | undefined): KubeConfig {
  const config = new KubeConfig();
  if (path) config.loadFromFile(path);
  else config.loadFromDefault();
  return config;
}

/** What the target does with a cluster: apply, read, list and delete objects (a connection, or a watched namespace). */
export type ClusterAccess = Pick<ClusterConnection, "apply" | "read" | "list" | "delete">;

export class ClusterConnection {
  readonly #requests: ApiRequests;
  readonly #core: CoreV1Api;
  readonly #version: VersionApi;

  /** The API server's address, as the context's cluster gives it. */
  readonly server: string | undefined;

  private constructor(
    readonly environment: string,
    readonly context: string,
    config: KubeConfig,
  ) {
    this.server = config.getCurrentCluster()?.server;
    reuseConnections(config);
    this.#requests = new ApiRequests(config);
    this.#core = config.makeApiClient(CoreV1Api);
    this.#version = config.makeApiClient(VersionApi);
  }

  /**
   * Refuses an environment whose `cluster` is no context of the kubeconfig, naming both. With
   * `inCluster` (the pod's service account), every environment uses the kubeconfig's one context.
   */
  static open(environment: Environment, kubeconfig: KubeConfig, inCluster = false): ClusterConnection {
    const known = kubeconfig.getContexts().map((c) => c.name);
    const context = inCluster
      ? kubeconfig.getCurrentContext()
      : (environment.cluster ?? kubeconfig.getCurrentContext());
    if (!known.includes(context)) {
      throw new InputError(
        `environments.${environment.name}.cluster: no context "${context}" in the kubeconfig (known: ${known.join(", ") || "none"})`,
      );
    }
    const config = new KubeConfig();
    config.loadFromString(kubeconfig.exportConfig());
    config.setCurrentContext(context);
    return new ClusterConnection(environment.name, context, config);
  }

  #action(verb: string, obj: KubernetesObject): ClusterAction {
    const m = obj.metadata ?? {};
    return {
      environment: this.environment,
      context: this.context,
      server: this.server,
      verb,
      kind: obj.kind ?? "object",
      namespace: m.namespace,
      name: m.name,
    };
  }

  /** The API server's version (`/version`): that the context's server answers, within `timeoutMs`. */
  async version(timeoutMs: number): Promise<string> {
    const ref = { apiVersion: "v1", kind: "API server", metadata: {} };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const info = await Promise.race([this.#version.getCode(), timeout]);
      return info.gitVersion;
    } catch (error) {
      throw clusterError(error, this.#action("asking the version of the", ref));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Server-side apply of each object, in order, as field manager quikship (or `manager`), never forcing; the objects as applied. */
  async apply(
    objects: KubernetesObject[],
    opts: { dryRun?: boolean; manager?: string } = {},
  ): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    const query = applyQuery(opts.manager ?? FIELD_MANAGER, opts.dryRun === true);
    for (const obj of objects) {
      try {
        const m = obj.metadata ?? {};
        const path = await this.#requests.path(obj.apiVersion ?? "v1", obj.kind ?? "", m.namespace, m.name ?? "");
        applied.push(
          await this.#requests.json<KubernetesObject>({
            method: "PATCH",
            path: `${path}?${query}`,
            body: obj,
            contentType: PatchStrategy.ServerSideApply,
          }),
        );
      } catch (error) {
        throw clusterError(error, this.#action("applying", obj));
      }
    }
    return applied;
  }

  /** The live object, or undefined when it does not exist. */
  async read<T extends KubernetesObject = KubernetesObject>(ref: ObjectRef): Promise<T | undefined> {
    try {
      const m = ref.metadata;
      const path = await this.#requests.path(ref.apiVersion, ref.kind, m.namespace, m.name);
      return await this.#requests.json<T>({ method: "GET", path });
    } catch (error) {
      const failure = clusterError(error, this.#action("reading", ref));
      if (failure.kind === "not-found") return undefined;
      throw failure;
    }
  }

  /** The objects of a kind in a namespace that carry the labels of `labelSelector`. */
  async list(apiVersion: string, kind: string, namespace: string, labelSelector: string): Promise<KubernetesObject[]> {
    return (await this.#list(apiVersion, kind, namespace, labelSelector)).items;
  }

  /** As `list`, with the resource version the list was read at (where a watch of it starts). */
  async listAt(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector: string,
  ): Promise<{ items: KubernetesObject[]; resourceVersion: string }> {
    return this.#list(apiVersion, kind, namespace, labelSelector);
  }

  async #list(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector: string,
  ): Promise<{ items: KubernetesObject[]; resourceVersion: string }> {
    const ref = { apiVersion, kind, metadata: { namespace } };
    try {
      const path = await this.#requests.path(apiVersion, kind, namespace);
      const list = await this.#requests.json<{ items?: KubernetesObject[]; metadata?: { resourceVersion?: string } }>({
        method: "GET",
        path: `${path}?${new URLSearchParams({ labelSelector }).toString()}`,
      });
      // A list's items carry no kind of their own (the list's kind says it).
      const items = (list.items ?? []).map((o) => ({ ...o, apiVersion, kind }));
      return { items, resourceVersion: list.metadata?.resourceVersion ?? "" };
    } catch (error) {
      throw clusterError(error, this.#action("listing", ref));
    }
  }

  /**
   * Watches a kind's objects in a namespace that carry `labelSelector`, from `resourceVersion`
   * (see `listAt`): `onEvent` gets each change until the stream ends. `ended` resolves "ended" when
   * the server closed it (or `stop` was called), "expired" when the version is older than the
   * server keeps (410 Gone, as the answer or as an ERROR event: list again), and rejects with a
   * QuikshipError when the stream fails.
   */
  async watch(
    apiVersion: string,
    kind: string,
    namespace: string,
    query: { labelSelector: string; resourceVersion: string; timeoutSeconds?: string },
    onEvent: (type: "ADDED" | "MODIFIED" | "DELETED", obj: KubernetesObject) => void,
  ): Promise<{ ended: Promise<"ended" | "expired">; stop: () => void }> {
    const ref = { apiVersion, kind, metadata: { namespace } };
    let expired = false;
    let stream: WatchStream;
    try {
      const path = await this.#requests.path(apiVersion, kind, namespace);
      const params = new URLSearchParams({ watch: "1", ...query, allowWatchBookmarks: "false" });
      stream = await this.#requests.watch(`${path}?${params.toString()}`, (e) => {
        if (e.type === "ERROR") {
          expired ||= (e.object as { code?: number } | undefined)?.code === 410;
          stream.stop();
        } else if (e.type === "ADDED" || e.type === "MODIFIED" || e.type === "DELETED") {
          onEvent(e.type, { ...(e.object as KubernetesObject), apiVersion, kind });
        }
      });
    } catch (error) {
      if (error instanceof ApiException && (error as ApiException<unknown>).code === 410)
        return { ended: Promise.resolve("expired"), stop: () => {} };
      throw clusterError(error, this.#action("watching", ref));
    }
    const ended = stream.ended.then(
      () => (expired ? "expired" : "ended"),
      (error: unknown) => {
        if (expired) return "expired" as const;
        throw clusterError(error, this.#action("watching", ref));
      },
    );
    return { ended, stop: stream.stop };
  }

  /** Deletes an object; one already gone is no error. */
  async delete(ref: ObjectRef): Promise<void> {
    try {
      const m = ref.metadata;
      const path = await this.#requests.path(ref.apiVersion, ref.kind, m.namespace, m.name);
      await this.#requests.json({
        method: "DELETE",
        path,
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background" },
      });
    } catch (error) {
      const failure = clusterError(error, this.#action("deleting", ref));
      if (failure.kind !== "not-found") throw failure;
    }
  }

  /** A pod's log (of one container when given), as the API server returns it. */
  async podLog(namespace: string, name: string, container?: string): Promise<string> {
    try {
      return await this.#core.readNamespacedPodLog({ namespace, name, container });
    } catch (error) {
      throw clusterError(
        error,
        this.#action("reading the log of", { apiVersion: "v1", kind: "Pod", metadata: { name, namespace } }),
      );
    }
  }
}
