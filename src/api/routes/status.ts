import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import type { FastifyReply } from "fastify";
import type { Environment } from "../../config/types.js";
import type { EngineApi } from "../../engine/api.js";
import { connectAgent } from "../../local/agent/client.js";
import type { AgentClient } from "../../local/agent/client.js";
import { findEnvironment } from "../../platform/lookup.js";
import { activeRevisions } from "../../store/revisions/read.js";
import { coalesce } from "../coalesce.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { statusQuery, statusView } from "../service-schemas.js";
import type { StatusView } from "../service-schemas.js";
import { environmentStatus } from "../status.js";
import type { ActiveRevision, TargetAnswer, UnfinishedRun } from "../status.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

/** A target that has not answered within this is reported unknown: a status call never hangs on one. */
const TARGET_TIMEOUT_MS = 5_000;

export function registerStatusRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/status",
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags: ["services"],
        summary: "The environment × service matrix: active revision, replicas, health, rollouts in progress, router",
        querystring: statusQuery,
        response: { 200: statusView, ...commonErrors },
      },
    },
    // The answer is the shared snapshot's bytes, made once for every caller (bytes with a JSON
    // content type are sent as they are; the schema above still documents them).
    async (request, reply) => {
      const snapshot = await readStatusSnapshot(context, request.query.environment);
      const sent = (reply as FastifyReply).type("application/json; charset=utf-8").header("vary", "accept-encoding");
      if (!acceptsGzip(request.headers["accept-encoding"])) return sent.send(snapshot.bytes);
      return sent.header("content-encoding", "gzip").send(await snapshot.gzip());
    },
  );
}

const gzipAsync = promisify(gzipCallback);

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "x-gzip") && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * A matrix as it is sent. One snapshot is shared by every caller until what it shows changes, so
 * the 54 kB (at 1,000 × 12, 2.3 MB) answer is serialized, hashed and compressed once, not once
 * per caller or per event stream.
 */
export class StatusSnapshot {
  /** The matrix as JSON. */
  readonly json: string;
  #bytes: Buffer | undefined;
  #gzip: Promise<Buffer> | undefined;
  #id: string | undefined;

  constructor(view: StatusView) {
    this.json = JSON.stringify(view);
  }

  get bytes(): Buffer {
    return (this.#bytes ??= Buffer.from(this.json));
  }

  /** Level 1: the matrix repeats itself, so even the fastest level takes 54 kB to about 5 kB. */
  gzip(): Promise<Buffer> {
    return (this.#gzip ??= gzipAsync(this.bytes, { level: 1 }));
  }

  /** Names what the snapshot shows, whenever it was read: equal ids, equal matrices. */
  get id(): string {
    return (this.#id ??= createHash("sha256").update(shownPart(this.json)).digest("base64url").slice(0, 16));
  }
}

/** The JSON without its leading `"at"` member, which moves on every read. */
function shownPart(json: string): string {
  return json.slice(json.indexOf(",") + 1);
}

const readers = new WeakMap<ApiContext, (asked: string | undefined) => Promise<StatusSnapshot>>();

/**
 * The matrix of every environment (or the one asked for, a name or an alias), as it is sent.
 * Concurrent callers share reads (see coalesce): the targets are asked once for all of them.
 */
export function readStatusSnapshot(context: ApiContext, asked: string | undefined): Promise<StatusSnapshot> {
  let reader = readers.get(context);
  if (reader === undefined) {
    reader = coalesce((key: string | undefined) => readStatusNow(context, key));
    readers.set(context, reader);
  }
  return reader(asked);
}

/**
 * How long a part of the matrix is reused. What the targets say is polled, not asked per caller:
 * each environment's answers are reused for this long. The store's part (active revisions, runs in
 * progress) is read again as soon as this server writes anything or changes a run (Db.writes,
 * EngineApi.changes), so a deploy's new revision shows at once; a change made by another server
 * sharing the database shows within this bound.
 */
const REUSE_MS = 1_000;

/** One read of the store's part of the matrix. */
interface StoreRead {
  /** What of the read the matrix shows, as one string: equal strings make equal matrices. */
  shown: string;
  rows: Awaited<ReturnType<typeof activeRevisions>>;
  runs: Awaited<ReturnType<typeof unfinishedRuns>>;
}

/** The local agent, if one runs, and its routers. */
interface LocalSide {
  agent: AgentClient | undefined;
  routers: Awaited<ReturnType<AgentClient["routers"]>>;
}

/** The last snapshot and the parts it was made of: the same parts make the same snapshot. */
interface Kept {
  parts: unknown[];
  snapshot: StatusSnapshot;
}

interface Reuse {
  store: Map<string, { writes: string; atMs: number; read: Promise<StoreRead> }>;
  local: Promise<LocalSide> | undefined;
  localAtMs: number;
  answers: Map<string, { atMs: number; answers: Promise<Map<string, TargetAnswer>> }>;
  snapshots: Map<string, Kept>;
}

const reuse = new WeakMap<ApiContext, Reuse>();

function reuseOf(context: ApiContext): Reuse {
  let r = reuse.get(context);
  if (r === undefined) {
    r = { store: new Map(), local: undefined, localAtMs: 0, answers: new Map(), snapshots: new Map() };
    reuse.set(context, r);
  }
  return r;
}

async function readStatusNow(context: ApiContext, asked: string | undefined): Promise<StatusSnapshot> {
  const { platform } = context;
  const environments =
    asked === undefined ? platform.ladder.map((n) => platform.environments[n]!) : [findEnvironment(platform, asked)];
  const only = asked === undefined ? undefined : environments[0]!.name;
  const r = reuseOf(context);
  const local = environments.some((e) => context.targets.forEnvironment(e).kind === "local");
  const [store, side] = await Promise.all([storeRead(context, r, only), local ? localSide(context, r) : undefined]);
  const answers = await Promise.all(
    environments.map((environment) => {
      const isLocal = context.targets.forEnvironment(environment).kind === "local";
      return recentAnswers(r, environment, () =>
        targetAnswers(context, environment, isLocal ? (side?.agent ?? null) : undefined),
      );
    }),
  );
  const parts = [store, side, ...answers];
  const key = only ?? "";
  const previous = r.snapshots.get(key);
  if (previous !== undefined && previous.parts.every((p, i) => p === parts[i])) return previous.snapshot;
  const views = environments.map((environment, i) => {
    const targetKind = context.targets.forEnvironment(environment).kind;
    const router =
      targetKind === "local" ? (side?.routers.find((x) => x.environment === environment.name) ?? null) : null;
    return environmentStatus(platform, {
      environment,
      targetKind,
      router: router && { url: router.url, port: router.port },
      active: store.rows
        .filter((x) => x.environment === environment.name)
        .map((x): ActiveRevision => ({
          service: x.service,
          number: x.number,
          tag: x.tag,
          replicas: x.replicas,
          activatedAt: x.activated_at,
        })),
      answers: answers[i]!,
      runs: store.runs.filter((x) => x.environment === environment.name),
    });
  });
  const made = new StatusSnapshot({ at: context.clock.now(), environments: views });
  // Targets are asked again every second: when they say what they said, the snapshot stays.
  const snapshot =
    previous !== undefined && shownPart(previous.snapshot.json) === shownPart(made.json) ? previous.snapshot : made;
  r.snapshots.set(key, { parts, snapshot });
  return snapshot;
}

/** The store's part, read again when this server has written since, or after REUSE_MS. */
function storeRead(context: ApiContext, r: Reuse, environment: string | undefined): Promise<StoreRead> {
  const key = environment ?? "";
  // The count is taken before reading: a write that lands during the read moves it on, so the
  // next caller reads again.
  const writes = `${context.db.writes()}/${context.engine.changes()}`;
  const now = performance.now();
  const hit = r.store.get(key);
  if (hit !== undefined && hit.writes === writes && now - hit.atMs < REUSE_MS) return hit.read;
  const read = Promise.all([
    activeRevisions(context.db.kysely, environment),
    unfinishedRuns(context.engine, environment),
  ]).then(async ([rows, runs]) => {
    // Most writes (a step's log line, a lease renewed) change nothing the matrix shows: the read
    // before is kept then, and so is the snapshot made from it.
    const fresh: StoreRead = { rows, runs, shown: shownOf(rows, runs) };
    const before = await hit?.read.catch(() => undefined);
    return before !== undefined && before.shown === fresh.shown ? before : fresh;
  });
  const entry = { writes, atMs: now, read };
  r.store.set(key, entry);
  read.catch(() => r.store.get(key) === entry && r.store.delete(key));
  return read;
}

function shownOf(rows: StoreRead["rows"], runs: StoreRead["runs"]): string {
  return JSON.stringify([
    rows.map((r) => [r.environment, r.service, r.number, r.tag, r.replicas, r.activated_at]),
    runs.map((r) => [r.environment, r.id, r.kind, r.status, r.services]),
  ]);
}

/** The local agent (found, never started: a status call must not bring one up) and its routers, reused for REUSE_MS. */
function localSide(context: ApiContext, r: Reuse): Promise<LocalSide> {
  const now = performance.now();
  if (r.local !== undefined && now - r.localAtMs < REUSE_MS) return r.local;
  r.localAtMs = now;
  r.local = (async () => {
    const agent = await connectAgent(context.stateDir);
    const routers = agent ? await agent.routers().catch(() => []) : [];
    return { agent, routers };
  })();
  return r.local;
}

/** What the targets of an environment said, reused for REUSE_MS by every caller. */
function recentAnswers(
  r: Reuse,
  environment: Environment,
  ask: () => Promise<Map<string, TargetAnswer>>,
): Promise<Map<string, TargetAnswer>> {
  const hit = r.answers.get(environment.name);
  if (hit !== undefined && performance.now() - hit.atMs < REUSE_MS) return hit.answers;
  const answers = ask();
  r.answers.set(environment.name, { atMs: performance.now(), answers });
  return answers;
}

/** Unfinished runs, oldest first (without their steps: only what the matrix shows is read). */
async function unfinishedRuns(
  engine: EngineApi,
  environment: string | undefined,
): Promise<(UnfinishedRun & { environment: string; createdAt: number })[]> {
  const runs = await engine.unfinished(environment);
  return runs
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      services: r.services,
      environment: r.environment,
      createdAt: r.createdAt,
    }))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * What runs, per service. A local environment is read from its agent in one call, and only from
 * an agent already running (`agent` null when none runs); other targets are asked per service.
 */
async function targetAnswers(
  context: ApiContext,
  environment: Environment,
  agent: AgentClient | null | undefined,
): Promise<Map<string, TargetAnswer>> {
  const services = Object.values(context.platform.services);
  if (agent === null) {
    const message = "no local agent runs, so nothing runs on the local target; a deploy starts it";
    return new Map(services.map((s) => [s.name, { ok: false, message }]));
  }
  if (agent !== undefined) {
    const answer = await withTimeout(agent.status(environment.name), `the local agent at ${agent.url}`).then(
      (list) => ({ ok: true as const, list }),
      (error: unknown) => ({ ok: false as const, message: messageOf(error) }),
    );
    return new Map(
      services.map((s): [string, TargetAnswer] => [
        s.name,
        answer.ok
          ? {
              ok: true,
              status: answer.list.find((x) => x.service === s.name) ?? {
                environment: environment.name,
                service: s.name,
                revisions: [],
                weights: {},
              },
            }
          : answer,
      ]),
    );
  }
  const target = context.targets.forEnvironment(environment);
  const answers = await Promise.all(
    services.map(async (s): Promise<[string, TargetAnswer]> => {
      try {
        return [
          s.name,
          { ok: true, status: await withTimeout(target.status(environment, s), `the ${target.kind} target`) },
        ];
      } catch (error) {
        return [s.name, { ok: false, message: messageOf(error) }];
      }
    }),
  );
  return new Map(answers);
}

function withTimeout<T>(promise: Promise<T>, who: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${who} did not answer within ${TARGET_TIMEOUT_MS / 1000} s`)),
      TARGET_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
