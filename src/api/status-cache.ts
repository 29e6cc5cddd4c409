/**
 * The status matrix as it is sent, read once for every caller: the store's part is read again when
 * this server wrote or changed a run, what the targets say is asked again each second, and the
 * snapshot (its JSON, id and gzip) is kept while what it shows stays the same.
 */
import type { Environment } from "../config/types.js";
import type { EngineApi } from "../engine/api.js";
import { findEnvironment } from "../platform/lookup.js";
import { activeRevisions } from "../store/revisions/read.js";
import type { EnvironmentPeek, Target } from "../targets/target.js";
import { coalesce } from "./coalesce.js";
import type { ApiContext } from "./context.js";
import { environmentStatus } from "./status.js";
import type { ActiveRevision, TargetAnswer, UnfinishedRun } from "./status.js";
import { StatusSnapshot, shownPart } from "./status-snapshot.js";

/** A target that has not answered within this is reported unknown: a status call never hangs on one. */
const TARGET_TIMEOUT_MS = 5_000;

/**
 * How long a part of the matrix is reused. What the targets say is polled, not asked per caller:
 * each environment's answers are reused for this long. The store's part (active revisions, runs in
 * progress) is read again as soon as this server writes anything or changes a run (Db.writes,
 * EngineApi.changes, which moves on too when another server sharing the database says it changed a
 * run), so a deploy's new revision shows at once; a change whose notification was lost shows
 * within this bound.
 */
const REUSE_MS = 1_000;

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

/** One read of the store's part of the matrix. */
interface StoreRead {
  /** What of the read the matrix shows, as one string: equal strings make equal matrices. */
  shown: string;
  rows: Awaited<ReturnType<typeof activeRevisions>>;
  runs: Awaited<ReturnType<typeof unfinishedRuns>>;
}

/** What an environment's target said, read only (a peek), per service, and where its router listens. */
interface TargetRead {
  answers: Map<string, TargetAnswer>;
  router: { url: string; port: number } | null;
}

/** The last snapshot and the parts it was made of: the same parts make the same snapshot. */
interface Kept {
  parts: unknown[];
  snapshot: StatusSnapshot;
}

interface Reuse {
  store: Map<string, { writes: string; atMs: number; read: Promise<StoreRead> }>;
  targets: Map<string, { atMs: number; read: Promise<TargetRead> }>;
  snapshots: Map<string, Kept>;
}

const reuse = new WeakMap<ApiContext, Reuse>();

function reuseOf(context: ApiContext): Reuse {
  let r = reuse.get(context);
  if (r === undefined) {
    r = { store: new Map(), targets: new Map(), snapshots: new Map() };
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
  const [store, reads] = await Promise.all([
    storeRead(context, r, only),
    Promise.all(environments.map((environment) => recentTargetRead(context, r, environment))),
  ]);
  const parts = [store, ...reads];
  const key = only ?? "";
  const previous = r.snapshots.get(key);
  if (previous !== undefined && previous.parts.every((p, i) => p === parts[i])) return previous.snapshot;
  const views = environments.map((environment, i) =>
    environmentStatus(platform, {
      environment,
      targetKind: context.targets.forEnvironment(environment).kind,
      router: reads[i]!.router,
      active: store.rows
        .filter((x) => x.environment === environment.name)
        .map((x): ActiveRevision => ({
          service: x.service,
          number: x.number,
          tag: x.tag,
          digest: x.digest,
          replicas: x.replicas,
          activatedAt: x.activated_at,
        })),
      answers: reads[i]!.answers,
      runs: store.runs.filter((x) => x.environment === environment.name),
    }),
  );
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

/** What the target of an environment said, reused for REUSE_MS by every caller. */
function recentTargetRead(context: ApiContext, r: Reuse, environment: Environment): Promise<TargetRead> {
  const hit = r.targets.get(environment.name);
  if (hit !== undefined && performance.now() - hit.atMs < REUSE_MS) return hit.read;
  const read = targetRead(context, context.targets.forEnvironment(environment), environment);
  r.targets.set(environment.name, { atMs: performance.now(), read });
  return read;
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

/** What runs, per service of the platform, from one read-only peek of the environment's target. */
async function targetRead(context: ApiContext, target: Target, environment: Environment): Promise<TargetRead> {
  const services = Object.values(context.platform.services);
  const peek = await withTimeout(target.peek(environment), `the ${target.kind} target`).catch(
    (error: unknown): EnvironmentPeek => ({ running: false, message: messageOf(error) }),
  );
  if (!peek.running) {
    const failed: TargetAnswer = { ok: false, message: peek.message };
    return { answers: new Map(services.map((s) => [s.name, failed])), router: null };
  }
  const answers = new Map(
    services.map((s): [string, TargetAnswer] => [
      s.name,
      {
        ok: true,
        status: peek.services.find((x) => x.service === s.name) ?? {
          environment: environment.name,
          service: s.name,
          revisions: [],
          weights: {},
        },
      },
    ]),
  );
  return { answers, router: peek.router && { url: peek.router.url, port: peek.router.port } };
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
