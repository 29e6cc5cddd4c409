import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { asQuikshipError, InputError, NotFoundError, UnauthenticatedError } from "../../errors.js";
import { VERSION } from "../../version.js";
import {
  guardBodySchema,
  logsQuerySchema,
  namesSchema,
  parse,
  previewBodySchema,
  restartBodySchema,
  revisionSpecSchema,
  routerBodySchema,
  weightsBodySchema,
} from "./schemas.js";
import type { Supervisor } from "./supervisor.js";

export interface AgentServerOptions {
  supervisor: Supervisor;
  token: string;
  startedAt: number;
  /** Called after the reply to POST /v1/shutdown is sent. */
  onShutdown: () => void;
  /** Rolling restarts run after their request returns; their failures land here. */
  onError: (error: unknown) => void;
}

interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (req: Request) => unknown;

const MAX_BODY_BYTES = 1 << 20;

/** The agent's HTTP JSON API (see contract.ts): loopback only, every request with the bearer token. */
export function createAgentServer(o: AgentServerOptions): Server {
  const s = o.supervisor;
  const names = (p: Record<string, string>) => parse(namesSchema, p, "path");
  const routes: [method: string, pattern: string, handler: Handler][] = [
    ["GET", "/v1/health", () => ({ pid: process.pid, version: VERSION, startedAt: o.startedAt })],
    [
      "PUT",
      "/v1/routers/:env",
      (r) => s.ensureRouter(names(r.params).env, parse(routerBodySchema, r.body ?? {}, "body").port),
    ],
    ["GET", "/v1/routers", () => s.routers()],
    ["PUT", "/v1/revisions", (r) => s.applyRevision(parse(revisionSpecSchema, r.body, "body"))],
    [
      "DELETE",
      "/v1/revisions/:env/:service/:revision",
      async (r) => {
        const n = names(r.params);
        await s.deleteRevision(n.env, n.service!, n.revision!);
        return {};
      },
    ],
    [
      "PUT",
      "/v1/weights/:env/:service",
      (r) =>
        s.setWeights(names(r.params).env, names(r.params).service!, parse(weightsBodySchema, r.body, "body").weights),
    ],
    [
      "PUT",
      "/v1/preview/:env/:service",
      (r) => s.setPreview(names(r.params).env, names(r.params).service!, parse(previewBodySchema, r.body, "body")),
    ],
    ["DELETE", "/v1/preview/:env/:service", (r) => s.setPreview(names(r.params).env, names(r.params).service!, null)],
    [
      "PUT",
      "/v1/guard/:env/:service",
      (r) => s.setGuard(names(r.params).env, names(r.params).service!, parse(guardBodySchema, r.body, "body")),
    ],
    ["DELETE", "/v1/guard/:env/:service", (r) => s.setGuard(names(r.params).env, names(r.params).service!, null)],
    [
      "POST",
      "/v1/restart/:env/:service/:revision",
      async (r) => {
        const n = names(r.params);
        const body = parse(restartBodySchema, r.body ?? {}, "body");
        const done = s.restart(n.env, n.service!, n.revision!, { batch: body.maxUnavailable, key: body.key });
        if (body.wait) await done;
        else done.catch(o.onError);
        return s.revision(n.env, n.service!, n.revision!).status();
      },
    ],
    ["GET", "/v1/status", (r) => s.status(r.query.get("env") ?? undefined)],
    ["GET", "/v1/traffic/:env/:service", (r) => s.traffic(names(r.params).env, names(r.params).service!)],
    [
      "GET",
      "/v1/logs/:env/:service",
      (r) => ({
        lines: s.logs(
          names(r.params).env,
          names(r.params).service!,
          parse(logsQuerySchema, Object.fromEntries(r.query), "query"),
        ),
      }),
    ],
    ["POST", "/v1/shutdown", () => ({})],
  ];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) =>
      send(res, asQuikshipError(error).httpStatus, asQuikshipError(error).toJSON()),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req.headers.authorization, o.token))
      throw new UnauthenticatedError("the agent wants its token (Authorization: Bearer, from agent.json)");
    const url = new URL(req.url ?? "/", "http://agent");
    if (req.method === "GET" && url.pathname === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(s.prometheus());
      return;
    }
    const found = match(routes, req.method ?? "GET", url.pathname);
    if (!found) throw new NotFoundError(`no route ${req.method} ${url.pathname}`);
    const body = await readBody(req);
    const result = await found.handler({ params: found.params, query: url.searchParams, body });
    send(res, 200, result);
    if (url.pathname === "/v1/shutdown") res.once("finish", o.onShutdown);
  }
  return server;
}

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function match(
  routes: [string, string, Handler][],
  method: string,
  path: string,
): { handler: Handler; params: Record<string, string> } | undefined {
  const parts = path.split("/");
  for (const [m, pattern, handler] of routes) {
    const want = pattern.split("/");
    if (m !== method || want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((w, i) =>
        w.startsWith(":") ? ((params[w.slice(1)] = decodeURIComponent(parts[i]!)), true) : w === parts[i],
      )
    )
      return { handler, params };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new InputError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new InputError("request body is not JSON", { cause: error });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
}
