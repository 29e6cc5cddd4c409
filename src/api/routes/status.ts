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

/** A target that has not answered within this is reported unknown: a status call never hangs on one. */
const TARGET_TIMEOUT_MS = 5_000;

export function registerStatusRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/status",
    {
      schema: {
        tags: ["services"],
        summary: "The environment × service matrix: active revision, replicas, health, rollouts in progress, router",
        querystring: statusQuery,
        response: { 200: statusView, ...commonErrors },
      },
    },
    // The answer is sent as the shared read's JSON, serialized once for every caller of that read
    // (a string with a JSON content type is sent as it is; the schema above still documents it).
    async (request, reply) => (reply as FastifyReply).type("application/json; charset=utf-8").send(await readStatusJson(context, request.query.environment)),
  );
}

const serialized = new WeakMap<StatusView, string>();

/**
 * readStatus's answer as JSON. Callers that share a read share its object, so the 54 kB (or, at
 * 1,000 × 12, 2.3 MB) string is made once per read, not once per caller: no answer is older than
 * readStatus's own.
 */
export async function readStatusJson(context: ApiContext, asked: string | undefined): Promise<string> {
  const view = await readStatus(context, asked);
  let json = serialized.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    serialized.set(view, json);
  }
  return json;
}

const readers = new WeakMap<ApiContext, (asked: string | undefined) => Promise<StatusView>>();

/**
 * The matrix of every environment (or the one asked for, a name or an alias). Concurrent callers
 * share reads (see coalesce): the targets are asked once for all of them.
 */
export function readStatus(context: ApiContext, asked: string | undefined): Promise<StatusView> {
  let reader = readers.get(context);
  if (reader === undefined) {
    reader = coalesce((key: string | undefined) => readStatusNow(context, key));
    readers.set(context, reader);
  }
  return reader(asked);
}

async function readStatusNow(context: ApiContext, asked: string | undefined): Promise<StatusView> {
  const { platform, db, engine, clock, stateDir } = context;
  const environments = asked === undefined ? platform.ladder.map((n) => platform.environments[n]!) : [findEnvironment(platform, asked)];
  const local = environments.some((e) => context.targets.forEnvironment(e).kind === "local");
  // Found, never started: a status call must not bring up an agent.
  const [rows, runs, agent] = await Promise.all([
    activeRevisions(db.kysely, asked === undefined ? undefined : environments[0]!.name),
    unfinishedRuns(engine, asked === undefined ? undefined : environments[0]!.name),
    local ? connectAgent(stateDir) : Promise.resolve(undefined),
  ]);
  const routers = agent ? await agent.routers().catch(() => []) : [];
  const views = await Promise.all(
    environments.map(async (environment) => {
      const targetKind = context.targets.forEnvironment(environment).kind;
      const router = targetKind === "local" ? (routers.find((r) => r.environment === environment.name) ?? null) : null;
      return environmentStatus(platform, {
        environment,
        targetKind,
        router: router && { url: router.url, port: router.port },
        active: rows.filter((r) => r.environment === environment.name).map((r): ActiveRevision => ({ service: r.service, number: r.number, tag: r.tag, replicas: r.replicas, activatedAt: r.activated_at })),
        answers: await recentAnswers(context, environment, () => targetAnswers(context, environment, targetKind === "local" ? agent ?? null : undefined)),
        runs: runs.filter((r) => r.environment === environment.name),
      });
    }),
  );
  return { at: clock.now(), environments: views };
}

/**
 * What the targets said is reused for a second, by every caller: a target's state is polled, not
 * asked per caller, while the store's part (active revisions, runs in progress) is read for each,
 * so a deploy's new revision shows at once and its instances' health within the second.
 */
const TARGET_ANSWER_REUSE_MS = 1_000;
const recent = new WeakMap<ApiContext, Map<string, { atMs: number; answers: Promise<Map<string, TargetAnswer>> }>>();

function recentAnswers(context: ApiContext, environment: Environment, ask: () => Promise<Map<string, TargetAnswer>>): Promise<Map<string, TargetAnswer>> {
  let cache = recent.get(context);
  if (cache === undefined) {
    cache = new Map();
    recent.set(context, cache);
  }
  const hit = cache.get(environment.name);
  if (hit !== undefined && performance.now() - hit.atMs < TARGET_ANSWER_REUSE_MS) return hit.answers;
  const answers = ask();
  cache.set(environment.name, { atMs: performance.now(), answers });
  return answers;
}

/** Unfinished runs, oldest first (without their steps: only what the matrix shows is read). */
async function unfinishedRuns(engine: EngineApi, environment: string | undefined): Promise<(UnfinishedRun & { environment: string; createdAt: number })[]> {
  const runs = await engine.unfinished(environment);
  return runs
    .map((r) => ({ id: r.id, kind: r.kind, status: r.status, services: r.services, environment: r.environment, createdAt: r.createdAt }))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * What runs, per service. A local environment is read from its agent in one call, and only from
 * an agent already running (`agent` null when none runs); other targets are asked per service.
 */
async function targetAnswers(context: ApiContext, environment: Environment, agent: AgentClient | null | undefined): Promise<Map<string, TargetAnswer>> {
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
        answer.ok ? { ok: true, status: answer.list.find((x) => x.service === s.name) ?? { environment: environment.name, service: s.name, revisions: [], weights: {} } } : answer,
      ]),
    );
  }
  const target = context.targets.forEnvironment(environment);
  const answers = await Promise.all(
    services.map(async (s): Promise<[string, TargetAnswer]> => {
      try {
        return [s.name, { ok: true, status: await withTimeout(target.status(environment, s), `the ${target.kind} target`) }];
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
    timer = setTimeout(() => reject(new Error(`${who} did not answer within ${TARGET_TIMEOUT_MS / 1000} s`)), TARGET_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
