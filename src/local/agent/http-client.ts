import type { ErrorKind } from "../../errors.js";
import { ERROR_KINDS, QuikshipError, UnavailableError } from "../../errors.js";
import type {
  CanaryGuard,
  PreviewRoute,
  RevisionSpec,
  RevisionStatus,
  RevisionTraffic,
  RouterStatus,
  ServiceStatus,
} from "../contract.js";
import { beforeWrite } from "../../targets/write-guard.js";
import type { LogLine } from "./logs.js";
import type { AgentFile } from "./state-file.js";

export interface AgentHealth {
  pid: number;
  version: string;
  startedAt: number;
}

const TIMEOUT_MS = 30_000;

/** The agent did not answer at all (it stopped, or was never there): a connection may look for it again. */
export class AgentUnreachableError extends UnavailableError {}

/** A typed client of the agent's HTTP API (contract.ts). Errors come back as the agent's QuikshipErrors. */
export class AgentClient {
  readonly url: string;
  readonly pid: number;
  readonly #token: string;

  constructor(file: Pick<AgentFile, "url" | "pid" | "token">) {
    this.url = file.url;
    this.pid = file.pid;
    this.#token = file.token;
  }

  health(timeoutMs = 2_000): Promise<AgentHealth> {
    return this.#call("GET", "/v1/health", undefined, timeoutMs);
  }

  /** Starts the environment's router unless it runs (0 or no port: any free one). */
  ensureRouter(environment: string, port?: number): Promise<RouterStatus> {
    return this.#call("PUT", `/v1/routers/${enc(environment)}`, port === undefined ? {} : { port });
  }

  routers(): Promise<RouterStatus[]> {
    return this.#call("GET", "/v1/routers");
  }

  /** Starts a revision, or resizes it to `spec.replicas` when it runs already. */
  applyRevision(spec: RevisionSpec): Promise<RevisionStatus> {
    return this.#call("PUT", "/v1/revisions", spec);
  }

  async deleteRevision(environment: string, service: string, revision: number): Promise<void> {
    await this.#call("DELETE", `/v1/revisions/${enc(environment)}/${enc(service)}/${revision}`);
  }

  /** Percent of traffic by revision, adding up to 100; applies from the next request. */
  setWeights(environment: string, service: string, weights: Record<number, number>): Promise<ServiceStatus> {
    return this.#call("PUT", `/v1/weights/${enc(environment)}/${enc(service)}`, { weights });
  }

  /** Puts a revision on the service's preview route (null: removes the route). */
  async setPreview(environment: string, service: string, preview: PreviewRoute | null): Promise<void> {
    const path = `/v1/preview/${enc(environment)}/${enc(service)}`;
    await (preview ? this.#call("PUT", path, preview) : this.#call("DELETE", path));
  }

  /** Installs the service's canary guard, replacing any other (null: removes it). */
  async setGuard(environment: string, service: string, guard: CanaryGuard | null): Promise<void> {
    const path = `/v1/guard/${enc(environment)}/${enc(service)}`;
    await (guard ? this.#call("PUT", path, guard) : this.#call("DELETE", path));
  }

  /**
   * Rolling restart, one instance (or `maxUnavailable`) at a time. A repeated `key` restarts nothing.
   * With `wait` it answers once every instance was replaced (allow for it in `timeoutMs`); without, at once.
   */
  restart(
    environment: string,
    service: string,
    revision: number,
    options: { maxUnavailable?: number; key?: string; wait?: boolean; timeoutMs?: number } = {},
  ): Promise<RevisionStatus> {
    const { timeoutMs, ...body } = options;
    return this.#call("POST", `/v1/restart/${enc(environment)}/${enc(service)}/${revision}`, body, timeoutMs);
  }

  status(environment?: string): Promise<ServiceStatus[]> {
    return this.#call("GET", `/v1/status${environment === undefined ? "" : `?env=${enc(environment)}`}`);
  }

  traffic(environment: string, service: string): Promise<RevisionTraffic[]> {
    return this.#call("GET", `/v1/traffic/${enc(environment)}/${enc(service)}`);
  }

  /** Output lines of a service (of one revision when given) with a sequence number above `after`. */
  async logs(
    environment: string,
    service: string,
    options: { revision?: number; after?: number } = {},
  ): Promise<LogLine[]> {
    const query = new URLSearchParams();
    if (options.revision !== undefined) query.set("revision", String(options.revision));
    if (options.after !== undefined) query.set("after", String(options.after));
    const q = query.size > 0 ? `?${query.toString()}` : "";
    return (await this.#call<{ lines: LogLine[] }>("GET", `/v1/logs/${enc(environment)}/${enc(service)}${q}`)).lines;
  }

  /** Prometheus text: the routers' request metrics and the instances' restarts. */
  async metrics(): Promise<string> {
    return (await this.#fetch("GET", "/metrics", undefined, TIMEOUT_MS)).text();
  }

  /** Asks the agent to stop every instance and router and exit; returns once it has begun. */
  async shutdown(): Promise<void> {
    await this.#call("POST", "/v1/shutdown");
  }

  async #call<T>(method: string, path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T> {
    return (await (await this.#fetch(method, path, body, timeoutMs)).json()) as T;
  }

  async #fetch(method: string, path: string, body: unknown, timeoutMs: number): Promise<Response> {
    // A change is sent only while the effect it belongs to may still write (targets/write-guard.ts).
    if (method !== "GET") beforeWrite();
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AgentUnreachableError(`the agent at ${this.url} does not answer (${method} ${path})`, { cause: error });
    }
    if (res.ok) return res;
    const text = await res.text();
    let error: { kind?: string; message?: string; details?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      error = undefined;
    }
    const kind = (ERROR_KINDS as readonly string[]).includes(error?.kind ?? "")
      ? (error?.kind as ErrorKind)
      : "internal";
    throw new QuikshipError(
      kind,
      error?.message ?? `agent answered ${res.status} to ${method} ${path}: ${text.slice(0, 200)}`,
      { details: error?.details },
    );
  }
}

const enc = encodeURIComponent;
