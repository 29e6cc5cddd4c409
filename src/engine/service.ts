import { appendAudit } from "../audit/append.js";
import type { Environment, Platform } from "../config/types.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { isKind } from "../kind.js";
import type { Db, Queryable } from "../store/database.js";
import type { Change } from "../store/changes/change.js";
import { fromJson, toJson } from "../store/json.js";
import { insertRunCommand } from "../store/runs/commands.js";
import { recordOccurrence } from "../store/schedule/occurrences.js";
import { insertRun, lockKeys } from "../store/runs/insert.js";
import { findRun, findSteps, findStepsOfRuns, listEvents, listRuns, listUnfinishedRuns } from "../store/runs/read.js";
import { releaseLocks } from "../store/runs/locks.js";
import { findRelease } from "../store/releases/read.js";
import { sourceRevisions } from "../store/revisions/read.js";
import { findEnvironment } from "../platform/lookup.js";
import { failUnfinishedReleases } from "../store/releases/update.js";
import { supersedeOlderRuns } from "../store/runs/supersede.js";
import { endUnfinishedRun, wakeWaitingRuns } from "../store/runs/update.js";
import { listDecisions } from "../store/approvals/decisions.js";
import { mayDecide } from "../gates/approvals.js";
import type { BatchAudit, EngineApi, PendingApproval, RunFilter, RunSummary, SubmitAudit } from "./api.js";
import { cancelEntry, commandEntry, submitEntries } from "./audit.js";
import type { Requester } from "./audit.js";
import { recordDecision } from "./decide.js";
import type { DecisionRequest } from "./decide.js";
import { explainRun } from "./explain.js";
import { approvalGateOf } from "./infra-gate.js";
import type { Explanation } from "./explain.js";
import type { Clock } from "./clock.js";
import { planRun } from "./plan/plan.js";
import type { PlanFacts } from "./plan/plan.js";
import { releaseOf } from "./release.js";
import { moduleDirectory, moduleRevision } from "../infra/module.js";
import { parseRunRequest } from "./request.js";
import { readSavedPlan } from "./saved-plan.js";
import type { RunRequest, RunRequestInput } from "./request.js";
import type { RunCommandName, RunEvent, RunKind, RunPlan, RunRequestView, RunView } from "./types.js";
import { runView } from "./view.js";
import { eventView, recordEvent } from "./events.js";
import { newRunId, keyedRunId } from "./run-id.js";
import { RunWaiters } from "./run-waiters.js";

export interface EngineServiceDeps {
  db: Db;
  platform: () => Platform;
  clock: Clock;
  /** This server's id: who recorded an occurrence of scheduled work. */
  owner: string;
  /** A run was queued or woken: the worker should look. */
  ready(): void;
}

/** Thrown inside submitOnce's transaction when another server recorded the occurrence first. */
class AlreadySubmitted extends Error {}

/** A request planned and named, about to be stored. */
interface SubmittedRun {
  id: string;
  /** As asked: what its `run.submit` entry records. */
  asked: RunRequest;
  /** With names made canonical: what is stored and run. */
  canonical: RunRequest;
  plan: RunPlan;
  trigger: string | undefined;
  env: Environment;
}

/** The engine as clients see it: plan and persist requests, read runs and their events, cancel. */
export class EngineService implements EngineApi {
  readonly #deps: EngineServiceDeps;
  readonly #waiters = new RunWaiters();
  readonly #unsubscribe: () => void;

  constructor(deps: EngineServiceDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.db.changes.subscribe((change) => this.#heard(change));
  }

  /**
   * Something changed for a run (called by the executor after it wrote). Told to this server's
   * waiters and to the other servers through the database's change feed, with the changes written
   * in the same tick.
   */
  changed(runId: string): void {
    this.#waiters.count();
    this.#deps.db.changes.publish({ kind: "run", runId });
  }

  /** Stops listening to the change feed. */
  close(): void {
    this.#unsubscribe();
  }

  /** A change from the feed, this server's or another's: wakes what waits for it. */
  #heard(change: Change): void {
    switch (change.kind) {
      case "run":
        this.#waiters.wake(change.runId);
        return;
      case "ready":
        this.#deps.ready();
        return;
      case "platform":
        // The platform's follower (reload/follow.ts) hears it.
        return;
      case "resync":
        // Whatever was missed: every waiter reads again, and the worker looks for ready runs.
        this.#waiters.wakeAll();
        this.#deps.ready();
        return;
    }
  }

  async submit(request: RunRequestInput, actor: string, audit: SubmitAudit = {}, fixedId?: string): Promise<RunView> {
    const [run] = await this.submitAll([{ request, trigger: audit.trigger, id: fixedId }], actor, {
      actorToken: audit.actorToken,
      details: audit.details,
    });
    return run!;
  }

  /**
   * Plans every request before storing any (a refusal starts none), then stores the runs, their
   * audit entries (`audit.before`'s first) and their supersessions in one transaction.
   */
  async submitAll(
    items: readonly { request: RunRequestInput; trigger?: string | undefined; id?: string | undefined }[],
    actor: string,
    audit: BatchAudit = {},
    occurrence?: string,
  ): Promise<RunView[]> {
    const { db, clock } = this.#deps;
    const platform = this.#deps.platform();
    const planned: Omit<SubmittedRun, "id">[] = [];
    for (const { request: input, trigger } of items) {
      // Parsed by the kind's schema first: an InputError names what is wrong.
      const request = parseRunRequest(input);
      const { request: canonical, plan } = planRun(platform, request, actor, await this.#facts(request));
      const env = platform.environments[canonical.environment]!;
      planned.push({ asked: request, canonical, plan, trigger, env });
    }
    const now = clock.now();
    const runs: SubmittedRun[] = planned.map((p, i) => ({ ...p, id: items[i]!.id ?? newRunId(now) }));
    const requester = { actor, actorToken: audit.actorToken ?? null, details: audit.details };
    await db.transaction(async (tx) => {
      // First, so that a second server's transaction waits here and then finds the key.
      if (occurrence !== undefined) {
        const recorded = { key: occurrence, runId: runs[0]!.id, owner: this.#deps.owner, now };
        if (!(await recordOccurrence(tx, recorded))) throw new AlreadySubmitted();
      }
      const before = audit.before?.(runs.map((r) => ({ id: r.id, environment: r.env.name }))) ?? [];
      for (const entry of before) await appendAudit(tx, db, entry, now);
      for (const run of runs) await this.#store(tx, run, actor, requester, now);
    });
    for (const run of runs) this.changed(run.id);
    this.#deps.ready();
    return Promise.all(runs.map((r) => this.get(r.id)));
  }

  async #store(tx: Queryable, run: SubmittedRun, actor: string, requester: Requester, now: number): Promise<void> {
    const services = run.canonical.services;
    const single = services.length === 1 ? services[0]! : null;
    await insertRun(tx, {
      id: run.id,
      kind: run.asked.kind,
      request: run.canonical,
      plan: run.plan,
      actor,
      environment: run.env.name,
      service: single,
      now,
    });
    await recordEvent(tx, run.id, now, { type: "run", data: { status: "queued" } });
    const identity = { id: run.id, kind: run.asked.kind, environment: run.env.name, services };
    for (const entry of submitEntries({ ...identity, plan: run.plan }, run.asked, requester, run.trigger))
      await appendAudit(tx, this.#deps.db, entry, now);
    const platform = this.#deps.platform();
    const runLatest = (name: string): boolean => platform.environments[name]?.lock === "runLatest";
    await supersedeOlderRuns(tx, { id: run.id, kind: run.asked.kind, lockKeys: lockKeys(run.plan) }, runLatest, now);
  }

  /**
   * Submits the run of an occurrence of scheduled work once: its id is made from `key`, and the
   * key is recorded in `schedule_occurrences` in the transaction that stores the run (insert or
   * ignore), so of several servers, timers or restarts exactly one creates it. Null when another
   * did (or the run is there already).
   */
  async submitOnce(
    request: RunRequestInput,
    actor: string,
    key: string,
    atMs: number,
    audit: SubmitAudit = {},
  ): Promise<RunView | null> {
    const id = keyedRunId(key, atMs);
    if (await findRun(this.#deps.db.kysely, id)) return null;
    try {
      const items = [{ request, trigger: audit.trigger, id }];
      const [run] = await this.submitAll(items, actor, { actorToken: audit.actorToken, details: audit.details }, key);
      return run!;
    } catch (error) {
      if (error instanceof AlreadySubmitted) return null;
      // A run of an occurrence recorded before (a key of an older release): its primary key refused ours.
      if (await findRun(this.#deps.db.kysely, id)) return null;
      throw error;
    }
  }

  /** What planning the request needs from the store. */
  async #facts(request: RunRequest): Promise<PlanFacts> {
    switch (request.kind) {
      case "infra": {
        const plan = request.params.plan;
        if (plan === undefined) return { moduleRevision: moduleRevision(moduleDirectory(this.#deps.platform())) };
        const savedPlan = await readSavedPlan(this.#deps.db.kysely, plan);
        return { moduleRevision: savedPlan.revision, savedPlan };
      }
      case "promote": {
        const source = findEnvironment(this.#deps.platform(), request.environment);
        return { source: await sourceRevisions(this.#deps.db.kysely, source.name, request.params.tag) };
      }
      case "rollback": {
        const id = request.params.release;
        const release = id === undefined ? undefined : await findRelease(this.#deps.db.kysely, id);
        return release ? { release: releaseOf(release) } : {};
      }
      default:
        return {};
    }
  }

  async get(id: string): Promise<RunView> {
    const row = await findRun(this.#deps.db.kysely, id);
    if (!row) throw new NotFoundError(`no run "${id}"; list runs with \`quikship runs\``);
    return runView(row, await findSteps(this.#deps.db.kysely, id));
  }

  async list(filter: RunFilter): Promise<RunView[]> {
    const rows = await listRuns(this.#deps.db.kysely, {
      environment: filter.environment,
      status: filter.status,
      kind: filter.kind,
      limit: filter.limit ?? 50,
    });
    const steps = await findStepsOfRuns(
      this.#deps.db.kysely,
      rows.map((r) => r.id),
    );
    return rows.map((row) => runView(row, steps.get(row.id) ?? []));
  }

  async unfinished(environment: string | undefined): Promise<RunSummary[]> {
    const rows = await listUnfinishedRuns(this.#deps.db.kysely, environment);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as RunKind,
      status: row.status,
      environment: row.environment,
      services: (fromJson(row.request) as RunRequestView).services,
      createdAt: row.created_at,
    }));
  }

  async cancel(id: string, actor: string, reason?: string, actorToken: string | null = null): Promise<RunView> {
    const { db, clock } = this.#deps;
    const run = await this.get(id);
    const now = clock.now();
    const error = { kind: "cancelled", message: `cancelled by ${actor}${reason ? `: ${reason}` : ""}` };
    const ended = await db.transaction(async (tx) => {
      if (!(await endUnfinishedRun(tx, id, "cancelled", toJson(error), now))) return false;
      await failUnfinishedReleases(tx, id, now);
      for (const environment of await releaseLocks(tx, id)) await wakeWaitingRuns(tx, environment, now);
      await recordEvent(tx, id, now, { type: "run", data: { status: "cancelled", error } });
      await appendAudit(tx, db, cancelEntry(run, reason, { actor, actorToken }), now);
      return true;
    });
    if (!ended)
      throw new ConflictError(`run ${id} already ${run.status}; only queued, waiting or running runs can be cancelled`);
    this.changed(id);
    this.#deps.ready();
    return this.get(id);
  }

  /**
   * A command to the run's rollout: `promote-step` ends the current canary bake or blue-green
   * analysis early (or goes on from a pause); `abort` sends all traffic back to the stable
   * revision at once and rolls back. Taken up at the rollout's next poll, at once if it waits.
   */
  async command(
    id: string,
    command: RunCommandName,
    actor: string,
    comment?: string,
    actorToken: string | null = null,
  ): Promise<RunView> {
    const run = await this.get(id);
    const step = run.stages
      .flatMap((s) => s.steps)
      .find((s) => isKind(s, "rollout") && (s.status === "running" || s.status === "waiting"));
    // A rollout that is polling right now (running) takes the command at its next poll too.
    const analysing =
      step !== undefined &&
      ((run.status === "waiting" && isKind(run.waitReason, "analysis")) || run.status === "running");
    if (command === "promote-step" && !analysing) {
      const now = run.waitReason ? `it waits: ${run.waitReason.message}` : `it is ${run.status}`;
      throw new ConflictError(
        `run ${id} is not in a canary step or a blue-green analysis, so there is no step to promote (${now})`,
      );
    }
    if (command === "abort" && !step) {
      throw new ConflictError(
        `run ${id} has no rollout under way to abort (it is ${run.status}); to stop the run instead, use \`quikship cancel ${id}\``,
      );
    }
    const { db, clock } = this.#deps;
    const now = clock.now();
    await db.transaction(async (tx) => {
      await insertRunCommand(tx, { runId: id, command, actor, comment, at: now });
      await recordEvent(tx, id, now, {
        type: "log",
        data: {
          step: step?.key ?? null,
          line: `${command} by ${actor}${comment ? `: ${comment}` : ""}`,
        },
      });
      await appendAudit(tx, db, commandEntry(run, command, comment, { actor, actorToken }), now);
    });
    this.changed(id);
    this.#deps.ready();
    return this.get(id);
  }

  async decide(id: string, request: DecisionRequest): Promise<RunView> {
    const run = await this.get(id);
    await recordDecision(this.#deps.db, this.#deps.platform(), run, request, this.#deps.clock.now());
    this.changed(id);
    this.#deps.ready();
    return this.get(id);
  }

  async explain(id: string): Promise<Explanation> {
    const run = await this.get(id);
    const environment = isKind(run.waitReason, "approval") ? run.waitReason.environment : undefined;
    const decisions = environment ? await listDecisions(this.#deps.db.kysely, id, environment) : [];
    return explainRun(this.#deps.platform(), run, decisions, this.#deps.clock.now());
  }

  /** Runs waiting for an approval, each with whether this person may decide now. */
  async pendingApprovals(who: { actor: string; groups: string[] }): Promise<PendingApproval[]> {
    const platform = this.#deps.platform();
    const waiting = await this.list({ status: "waiting", limit: 500 });
    const out: PendingApproval[] = [];
    for (const run of waiting) {
      const reason = run.waitReason;
      if (!isKind(reason, "approval")) continue;
      const environment = reason.environment;
      const gate = approvalGateOf(platform, run, environment);
      if (!gate) continue;
      const decisions = await listDecisions(this.#deps.db.kysely, run.id, environment);
      const check = mayDecide(gate, decisions, { actor: who.actor, groups: who.groups, requester: run.actor });
      out.push({
        run,
        environment,
        waitingFor: reason.pending,
        decisions,
        mayApprove: check.allowed,
        why: check.allowed ? `as ${check.group}` : check.reason,
      });
    }
    return out;
  }

  async events(id: string, afterId: number): Promise<RunEvent[]> {
    await this.get(id);
    return (await listEvents(this.#deps.db.kysely, id, afterId)).map(eventView);
  }

  /**
   * Resolves on a change to the run, made by this server or (told through the change feed) by
   * another; after at most a second in any case, the safety net for a change the feed lost.
   */
  waitForEvents(id: string, signal: AbortSignal): Promise<void> {
    return this.#waiters.wait(id, signal);
  }

  changes(): number {
    return this.#waiters.changes;
  }

  /** As waitForEvents, for a change to any run. */
  waitForChange(signal: AbortSignal): Promise<void> {
    return this.#waiters.wait(undefined, signal);
  }
}
