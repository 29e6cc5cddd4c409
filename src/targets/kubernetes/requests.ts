/**
 * Requests to the Kubernetes API as plain JSON over keep-alive connections. The kubeconfig's
 * context (server, TLS, credentials, proxy) comes from @kubernetes/client-node's KubeConfig, asked
 * afresh for each request so that expiring credentials (exec plugins, token files) stay current;
 * the request itself skips the client's generated models: a deploy makes a few dozen requests,
 * and converting every object to typed models and back cost more CPU than the rest of the deploy.
 * Without a proxy, requests go over connections of quikship's own (http1.ts); watches, and every
 * request through a proxy, go through Node's http client. A failure is the client's ApiException
 * (code, Status body), as errors.ts expects.
 */
import http from "node:http";
import https from "node:https";
import { ApiException } from "@kubernetes/client-node";
import type { KubeConfig } from "@kubernetes/client-node";
import { beforeWrite } from "../write-guard.js";
import { ANSWER_MS, Http1Connections, headerLines } from "./http1.js";
import type { HeaderLines, Http1Answer } from "./http1.js";

/** An idle connection is closed before a server would close it (Node's default: after 5 s). */
const IDLE_CONNECTION_MS = 4_000;
/** How long the context's credentials are used before the kubeconfig is asked again (a 401 asks at once). */
const CREDENTIALS_MS = 1_000;

export interface ApiRequest {
  method: "GET" | "PATCH" | "DELETE";
  /** The path below the server, with its query (`/apis/apps/v1/namespaces/NS/deployments?labelSelector=…`). */
  path: string;
  body?: unknown;
  contentType?: string;
}

/** Where an API version's resources are, and whether they are namespaced (its discovery document). */
interface Discovered {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

export class ApiRequests {
  readonly #config: KubeConfig;
  readonly #server: URL;
  /** Where requests go: the server's host (without an IPv6 address's brackets) and base path. */
  readonly #address: { protocol: string; hostname: string; port: string; base: string };
  #credentials: { atMs: number; options: Promise<https.RequestOptions> } | undefined;
  #agent: http.Agent | undefined;
  /** Without a proxy: the connections requests (not watches) go over, made with the context's TLS options. */
  #connections: Http1Connections | undefined;
  /** The header lines of each context's options (asked again every CREDENTIALS_MS), made once for it. */
  readonly #lines = new WeakMap<https.RequestOptions, HeaderLines>();
  /** Watches hold their connections for minutes: they get their own, never holding up a request. */
  #watchAgent: http.Agent | undefined;
  readonly #discovery = new Map<string, Promise<Discovered>>();

  constructor(config: KubeConfig) {
    this.#config = config;
    this.#server = new URL(config.getCurrentCluster()?.server ?? "https://kubernetes.default.svc");
    const { protocol, hostname, port, pathname } = this.#server;
    this.#address = { protocol, hostname: hostname.replace(/^\[|\]$/g, ""), port, base: pathname.replace(/\/$/, "") };
  }

  /** The context's request options, asked again after CREDENTIALS_MS (expiring tokens stay current). */
  #options(watch = false): Promise<https.RequestOptions> {
    return this.#context().then((o) => ({ ...o, agent: watch ? this.#watchAgent : this.#agent }));
  }

  /** The context's request options as last asked (the same object until they are asked again). */
  #context(): Promise<https.RequestOptions> {
    const now = Date.now();
    if (!this.#credentials || now - this.#credentials.atMs >= CREDENTIALS_MS) {
      const options = this.#ask();
      options.catch(() => (this.#credentials = undefined));
      this.#credentials = { atMs: now, options };
    }
    return this.#credentials.options;
  }

  /** The request options of the context: its credentials now, and one keep-alive agent per connection. */
  async #ask(): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { headers: {} };
    await this.#config.applyToHTTPSOptions(opts);
    const fresh = opts.agent;
    const plain =
      fresh instanceof http.Agent && (fresh.constructor === http.Agent || fresh.constructor === https.Agent);
    // A proxy's agent is kept as the client made it; a plain one is made once, keeping connections open.
    if (plain) {
      const options = (fresh as http.Agent & { options: https.AgentOptions }).options;
      const make = (timeout: number | undefined): http.Agent => {
        const shared = { ...options, keepAlive: true, timeout };
        return fresh instanceof https.Agent ? new https.Agent(shared) : new http.Agent(shared);
      };
      this.#watchAgent ??= make(undefined);
      this.#agent ??= make(IDLE_CONNECTION_MS);
      this.#connections ??= new Http1Connections(
        {
          host: this.#address.hostname,
          port: Number(this.#address.port || (this.#address.protocol === "http:" ? 80 : 443)),
          tls: this.#address.protocol === "http:" ? undefined : { ...options, timeout: undefined },
        },
        IDLE_CONNECTION_MS,
      );
      return opts;
    }
    // A proxy's agent: requests and watches share the one the client made.
    this.#watchAgent = this.#agent = fresh instanceof http.Agent ? fresh : undefined;
    this.#connections?.close();
    this.#connections = undefined;
    return opts;
  }

  /** The request's headers: the context's credentials, JSON, and the body's type. */
  #headers(opts: https.RequestOptions, req: ApiRequest, body: string | undefined): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      ...(opts.headers as http.OutgoingHttpHeaders),
      accept: "application/json",
      "user-agent": "quikship",
      ...(body === undefined ? {} : { "content-type": req.contentType ?? "application/json" }),
    };
    if (opts.auth) headers.authorization = `Basic ${Buffer.from(opts.auth).toString("base64")}`;
    return headers;
  }

  /** Sends a request that is not a watch and reads its whole answer. */
  async #exchange(req: ApiRequest): Promise<Http1Answer> {
    const context = await this.#context();
    const connections = this.#connections;
    if (!connections) {
      const res = await this.#send(req, false, { ...context, agent: this.#agent });
      const text = await readText(res);
      return { status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, text };
    }
    let lines = this.#lines.get(context);
    if (!lines) {
      const headers: Record<string, string> = { host: this.#server.host, connection: "keep-alive" };
      for (const [name, value] of Object.entries(this.#headers(context, req, undefined)))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      lines = headerLines(headers);
      this.#lines.set(context, lines);
    }
    const body =
      req.body === undefined
        ? undefined
        : { type: req.contentType ?? "application/json", text: JSON.stringify(req.body) };
    guardWrite(req);
    return connections.request(req.method, `${this.#address.base}${req.path}`, lines, body);
  }

  async #send(req: ApiRequest, watch: boolean, options?: https.RequestOptions): Promise<http.IncomingMessage> {
    const opts = options ?? (await this.#options(watch));
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers = this.#headers(opts, req, body);
    if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
    const send = this.#address.protocol === "http:" ? http.request : https.request;
    guardWrite(req);
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = send(
        {
          ...opts,
          auth: undefined,
          protocol: this.#address.protocol,
          hostname: this.#address.hostname,
          port: this.#address.port,
          path: `${this.#address.base}${req.path}`,
          method: req.method,
          headers,
        },
        resolve,
      );
      request.on("error", reject);
      if (!watch)
        request.setTimeout(ANSWER_MS, () => request.destroy(new Error(`no answer within ${ANSWER_MS / 1000} s`)));
      // A watch alone never keeps the process alive.
      if (watch)
        request.on("socket", (socket) => {
          socket.unref();
          socket.setKeepAlive(true, 30_000);
        });
      request.end(body);
    });
  }

  /** Sends `req` and answers its JSON body; a status outside 2xx throws an ApiException with the Status. */
  async json<T>(req: ApiRequest): Promise<T> {
    const { status: code, headers, text } = await this.#exchange(req);
    if (code >= 200 && code < 300) return JSON.parse(text) as T;
    if (code === 401) this.#credentials = undefined;
    throw apiException(code, text, headers);
  }

  /**
   * Streams a watch (`?watch=1`): `onEvent` gets each `{type, object}` line until the server ends
   * the stream (resolves) or it fails (rejects; a status outside 2xx as an ApiException). The
   * returned `stop` ends it.
   */
  async watch(path: string, onEvent: (event: { type: string; object: unknown }) => void): Promise<WatchStream> {
    const res = await this.#send({ method: "GET", path }, true);
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) throw apiException(code, await readText(res), res.headers);
    const ended = new Promise<void>((resolve, reject) => {
      const next = lineByLine((line) => {
        if (line.trim()) onEvent(JSON.parse(line) as { type: string; object: unknown });
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        try {
          next(chunk);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          res.destroy();
        }
      });
      res.on("end", () => resolve());
      res.on("aborted", () => reject(new Error("the watch was cut off")));
      res.on("error", reject);
      res.on("close", () => resolve());
    });
    return { ended, stop: () => res.destroy() };
  }

  /**
   * The path of a kind's objects (`/apis/apps/v1/namespaces/NS/deployments[/NAME]`), from the API
   * version's discovery document (asked once per connection; again when the kind is not in it).
   */
  async path(apiVersion: string, kind: string, namespace: string | undefined, name?: string): Promise<string> {
    const root = `/${apiVersion.includes("/") ? "apis" : "api"}/${apiVersion}`;
    let resource = (await this.#discover(root)).resources.find((r) => r.kind === kind && !r.name.includes("/"));
    if (!resource) {
      this.#discovery.delete(root);
      resource = (await this.#discover(root)).resources.find((r) => r.kind === kind && !r.name.includes("/"));
    }
    if (!resource) {
      const message = `the server does not serve ${kind} in ${apiVersion}`;
      throw new ApiException(404, message, { kind: "Status", reason: "NotFound", code: 404, message }, {});
    }
    const parts = [root];
    if (resource.namespaced && namespace) parts.push("namespaces", encodeURIComponent(namespace));
    parts.push(resource.name);
    if (name !== undefined) parts.push(encodeURIComponent(name));
    return parts.join("/");
  }

  #discover(root: string): Promise<Discovered> {
    let known = this.#discovery.get(root);
    if (!known) {
      known = this.json<Discovered>({ method: "GET", path: root });
      // A failed discovery is asked again next time, not kept.
      known.catch(() => this.#discovery.delete(root));
      this.#discovery.set(root, known);
    }
    return known;
  }
}

export interface WatchStream {
  /** Settles when the stream ends: resolved when the server ended it or `stop` was called. */
  ended: Promise<void>;
  stop: () => void;
}

/**
 * Hands each complete line of a text given chunk by chunk to `onLine` (without its line end),
 * keeping the start of a line that is not complete yet; that start holds no line end, so it is
 * not searched again when the next chunk comes.
 */
export function lineByLine(onLine: (line: string) => void): (chunk: string) => void {
  let rest = "";
  return (chunk) => {
    const text = rest === "" ? chunk : rest + chunk;
    let from = 0;
    for (let end = text.indexOf("\n", rest.length); end !== -1; end = text.indexOf("\n", from)) {
      const line = text.slice(from, end);
      from = end + 1;
      onLine(line);
    }
    rest = text.slice(from);
  };
}

/** A change (not a dry run) is sent only while the effect it belongs to may still write (write-guard.ts). */
function guardWrite(req: ApiRequest): void {
  if (req.method !== "GET" && !req.path.includes("dryRun=All")) beforeWrite();
}

function readText(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
  });
}

function apiException(
  code: number,
  text: string,
  headers: http.IncomingHttpHeaders | Record<string, string>,
): ApiException<unknown> {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not a Status: the text is the body.
  }
  const message = (body as { message?: string } | null)?.message ?? `HTTP ${code}`;
  return new ApiException(code, message, body, headers as Record<string, string>);
}
