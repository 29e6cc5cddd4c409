/**
 * Test double of the Kubernetes API — the HTTP surface: URL layout, query parameters, bodies,
 * watch streams, pod logs.
 *
 * API reference: "API Concepts › Kubernetes API terminology" (`/api/v1/...` for the core group,
 * `/apis/GROUP/VERSION/...`, `namespaces/NS/RESOURCE/NAME/SUBRESOURCE`), "Efficient detection of
 * changes" (`?watch=1&resourceVersion=N`: a stream of `{"type","object"}` JSON lines, ended after
 * `timeoutSeconds`), and `core/v1 Pod › read log` (`/log`, `container`, `tailLines`, `previous`;
 * text/plain). `follow` is not implemented: the log so far is sent and the stream ends.
 */
import type http from "node:http";
import YAML from "yaml";
import type { KubeApi, PatchType } from "./api.js";
import { PATCH_TYPES } from "./api.js";
import { openApiDocument, openApiIndex } from "./openapi.js";
import type { ResourceType } from "./resources.js";
import { apiGroupList, apiResourceList, apiVersions, findResource, hasGroupVersion } from "./resources.js";
import { fieldSelector, labelSelector } from "./selectors.js";
import { table, wantsTable } from "./table.js";
import { ApiStatusError, badRequest, notFound } from "./status.js";
import type { ObjectStore } from "./store.js";

type Obj = Record<string, unknown>;
export interface Target {
  r: ResourceType;
  ns: string | undefined;
  name: string | undefined;
  sub: string | undefined;
}
export interface Context {
  api: KubeApi;
  store: ObjectStore;
  logs: (ns: string, pod: string, container: string | undefined, previous: boolean) => string[];
  /** Runs after every handled write, so the simulated controllers see it before the answer returns. */
  afterWrite: () => void;
  /** The cluster's time (ages in tables). */
  nowMs: () => number;
  openWatches: Set<http.ServerResponse>;
}

const MAX_BODY = 3 * 1024 * 1024;

export function send(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new ApiStatusError(413, "RequestEntityTooLarge", "the request is too large"));
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string, yaml: boolean): unknown {
  try {
    return yaml ? (YAML.parse(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw badRequest(`the request body is not valid ${yaml ? "YAML" : "JSON"}: ${(error as Error).message}`);
  }
}

/** Splits a resource URL into resource, namespace, name and subresource. */
export function parseTarget(segments: string[]): Target | undefined {
  const [root, ...rest] = segments;
  const [group, version, ...tail] = root === "api" ? ["", ...rest] : rest;
  if (!version) return undefined;
  let ns: string | undefined;
  let parts = tail;
  if (tail[0] === "namespaces" && tail.length >= 3) {
    ns = tail[1];
    parts = tail.slice(2);
  }
  const [resource, name, sub] = parts;
  const r = findResource(group ?? "", version, resource ?? "");
  if (!r || parts.length > 3) return undefined;
  return { r, ns: r.namespaced ? ns : undefined, name, sub };
}

/** Discovery, version and OpenAPI documents; undefined when the path is not one of them. */
export function document(path: string): unknown {
  if (path === "/version") {
    return { major: "1", minor: "32", gitVersion: "v1.32.0-double", platform: "linux/amd64", goVersion: "go1.23" };
  }
  if (path === "/api") return apiVersions();
  if (path === "/apis") return apiGroupList();
  if (path === "/openapi/v3") return openApiIndex();
  if (path.startsWith("/openapi/v3/")) return openApiDocument(path.slice("/openapi/v3/".length));
  const gv = path.startsWith("/api/") ? path.slice(5) : path.startsWith("/apis/") ? path.slice(6) : "";
  if (gv && !gv.includes("/namespaces") && hasGroupVersion(gv) && gv.split("/").length <= 2) return apiResourceList(gv);
  return undefined;
}

function managerOf(req: http.IncomingMessage, query: URLSearchParams): string {
  return query.get("fieldManager") ?? (req.headers["user-agent"] ?? "unknown").split("/")[0] ?? "unknown";
}

export async function handle(
  ctx: Context,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  t: Target,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? "GET";
  const dryRun = query.get("dryRun") === "All";
  if (method === "GET" && t.sub === "log") return sendLog(ctx, res, t, query);
  const asTable = wantsTable(req.headers.accept);
  if (method === "GET" && !t.name) {
    if (query.get("watch") === "1" || query.get("watch") === "true") return watch(ctx, req, res, t, query);
    const list = ctx.api.list(t.r, t.ns, query.get("labelSelector"), query.get("fieldSelector"));
    if (!asTable) return send(res, 200, list);
    return send(res, 200, table(t.r, list.items as Obj[], String(ctx.store.resourceVersion), ctx.nowMs()));
  }
  if (!t.name && method !== "POST")
    throw new ApiStatusError(405, "MethodNotAllowed", `${method} is not supported on a collection`);
  if (t.sub !== undefined && !t.r.subresources.includes(t.sub))
    throw notFound(t.r.group, `${t.r.name}/${t.sub}`, t.name ?? "");
  const manager = managerOf(req, query);
  const scope = t.sub === "status" ? "status" : "main";
  const opts = { manager, dryRun, scope, force: query.get("force") === "true" } as const;
  const name = t.name ?? "";
  if (method === "GET")
    return send(res, 200, t.sub === "scale" ? ctx.api.getScale(t.r, t.ns, name) : ctx.api.get(t.r, t.ns, name));
  if (method === "DELETE") return written(ctx, res, 200, ctx.api.delete(t.r, t.ns, name, dryRun));
  const type = (req.headers["content-type"] ?? "application/json").split(";")[0]?.trim() ?? "";
  if (type === "application/vnd.kubernetes.protobuf") {
    // kubectl's typed `create` subcommands send protobuf: the double refuses them plainly (use apply).
    throw new ApiStatusError(415, "UnsupportedMediaType", "the test double speaks JSON only, not protobuf");
  }
  const body = parseBody(await readBody(req), type === "application/apply-patch+yaml");
  if (method === "POST") return written(ctx, res, 201, ctx.api.create(t.r, t.ns, asObject(body), opts));
  if (t.sub === "scale") return setScale(ctx, res, t, method, type, body, manager, dryRun);
  if (method === "PUT") return written(ctx, res, 200, ctx.api.update(t.r, t.ns, name, asObject(body), opts));
  if (method !== "PATCH") throw new ApiStatusError(405, "MethodNotAllowed", `${method} is not supported`);
  if (!(PATCH_TYPES as readonly string[]).includes(type)) {
    throw new ApiStatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(", ")}`,
    );
  }
  if (type === "application/apply-patch+yaml" && !query.get("fieldManager")) {
    throw new ApiStatusError(
      422,
      "Invalid",
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }
  return written(ctx, res, 200, ctx.api.patch(t.r, t.ns, name, type as PatchType, body, opts));
}

function setScale(
  ctx: Context,
  res: http.ServerResponse,
  t: Target,
  method: string,
  type: string,
  body: unknown,
  manager: string,
  dryRun: boolean,
): void {
  const current = ctx.api.getScale(t.r, t.ns, t.name ?? "");
  const scale = method === "PUT" ? body : patchScale(current, type, body);
  written(ctx, res, 200, ctx.api.setScale(t.r, t.ns, t.name ?? "", scale, manager, dryRun));
}

function patchScale(current: Obj, type: string, body: unknown): unknown {
  if (type === "application/merge-patch+json" || type === "application/strategic-merge-patch+json") {
    const spec = isRecord(body) && isRecord(body.spec) ? body.spec : {};
    return { ...current, spec: { ...(current.spec as Obj), ...spec } };
  }
  throw new ApiStatusError(
    415,
    "UnsupportedMediaType",
    `the scale subresource of the test double takes merge patches, not ${type}`,
  );
}

function written(ctx: Context, res: http.ServerResponse, code: number, obj: Obj): void {
  ctx.afterWrite();
  send(res, code, obj);
}

function isRecord(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asObject(body: unknown): Obj {
  if (!isRecord(body)) throw badRequest("the request body must be an object");
  return body;
}

function watch(
  ctx: Context,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  t: Target,
  query: URLSearchParams,
): void {
  const byLabel = labelSelector(query.get("labelSelector"));
  const byField = fieldSelector(query.get("fieldSelector"));
  const asTable = wantsTable(req.headers.accept);
  const rv = query.get("resourceVersion");
  const from = rv && rv !== "0" ? Number(rv) : undefined;
  if (from !== undefined && !Number.isInteger(from)) throw badRequest(`invalid resource version ${JSON.stringify(rv)}`);
  // Events replayed before the answer's head is written wait here, so a 410 can still be answered.
  const pending: string[] = [];
  let streaming = false;
  const stop = ctx.store.watch(
    {
      resource: t.r,
      namespace: t.ns,
      filter: (o) => byLabel(o) && byField(o),
      send: (e) => {
        const object = asTable ? table(t.r, [e.object], String(e.rv), ctx.nowMs()) : e.object;
        const line = `${JSON.stringify({ type: e.type, object })}\n`;
        if (streaming) res.write(line);
        else pending.push(line);
      },
    },
    from,
  );
  res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
  res.write(pending.join(""));
  streaming = true;
  ctx.openWatches.add(res);
  const seconds = Number(query.get("timeoutSeconds") ?? "1800");
  const timer = setTimeout(() => res.end(), seconds * 1000);
  timer.unref();
  const close = (): void => {
    clearTimeout(timer);
    stop();
    ctx.openWatches.delete(res);
  };
  req.on("close", close);
  res.on("close", close);
}

function sendLog(ctx: Context, res: http.ServerResponse, t: Target, query: URLSearchParams): void {
  ctx.api.get(t.r, t.ns, t.name ?? "");
  let lines = ctx.logs(t.ns ?? "", t.name ?? "", query.get("container") ?? undefined, query.get("previous") === "true");
  const tail = query.get("tailLines");
  if (tail !== null) lines = Number(tail) > 0 ? lines.slice(-Number(tail)) : [];
  res.writeHead(200, { "content-type": "text/plain" });
  res.end(lines.map((l) => `${l}\n`).join(""));
}
