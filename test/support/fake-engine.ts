/**
 * FakeEngine: an in-memory stand-in for the engine behind the API, for API and CLI tests. It
 * checks requests against the platform as the engine does (unknown names → NotFoundError with
 * the nearest ones) and lets a test move runs and steps along and emit events. Approval
 * decisions are checked with the real, pure gate rules and kept in memory; the fake never moves a
 * run on after a decision: a test does, with `setStatus`.
 */
import type { Platform } from "../../src/config/types.js";
import { recordAudit } from "../../src/audit/append.js";
import type { AuditEntry } from "../../src/audit/entry.js";
import type {
  BatchAudit,
  EngineApi,
  PendingApproval,
  RunFilter,
  RunSummary,
  SubmitAudit,
} from "../../src/engine/api.js";
import { cancelEntry, commandEntry, submitEntries } from "../../src/engine/audit.js";
import type { Clock } from "../../src/engine/clock.js";
import type { DecisionRequest } from "../../src/engine/decide.js";
import { explainRun } from "../../src/engine/explain.js";
import type { Explanation } from "../../src/engine/explain.js";
import { mayDecide } from "../../src/gates/approvals.js";
import type { ApprovalDecision } from "../../src/gates/approvals.js";
import { FINAL_STATUSES } from "../../src/engine/types.js";
import type {
  RunCommandName,
  RunEvent,
  RunEventBody,
  RunRequest,
  RunStatus,
  RunView,
  StepEventStatus,
} from "../../src/engine/types.js";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../../src/errors.js";
import { findEnvironment, findService } from "../../src/platform/lookup.js";
import type { Db } from "../../src/store/db.js";

const ANY_RUN = "*";

export class FakeEngine implements EngineApi {
  readonly #runs = new Map<string, RunView>();
  readonly #events: RunEvent[] = [];
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #waitListeners = new Map<string, Array<() => void>>();
  /** Decisions by run and environment (`RUN ENV`), oldest first. */
  readonly #decisions = new Map<string, ApprovalDecision[]>();
  #nextRun = 1;
  #nextEvent = 1;
  #changes = 0;
  /** When set, every call throws it: a stand-in for an engine bug. */
  failure: Error | undefined;

  /**
   * With a database, the fake writes the audit entries the engine writes with each change (in a
   * transaction of their own: the fake keeps its runs in memory).
   */
  constructor(
    readonly platform: Platform,
    readonly clock: Clock,
    readonly db?: Db,
  ) {}

  async submitAll(
    items: readonly { request: RunRequest; trigger?: string | undefined }[],
    actor: string,
    audit: BatchAudit = {},
  ): Promise<RunView[]> {
    for (const { request } of items) {
      findEnvironment(this.platform, request.environment);
      for (const s of request.services) findService(this.platform, s);
    }
    const runs: RunView[] = [];
    for (const { request } of items) runs.push(await this.#submit(request, actor));
    await this.#audit(audit.before?.(runs.map((r) => ({ id: r.id, environment: r.environment }))) ?? []);
    for (const [i, run] of runs.entries())
      await this.#audit(
        submitEntries(
          { ...run, plan: run },
          items[i]!.request,
          { actor, actorToken: audit.actorToken, details: audit.details },
          items[i]!.trigger,
        ),
      );
    return runs;
  }

  async submit(request: RunRequest, actor: string, audit: SubmitAudit = {}): Promise<RunView> {
    const run = await this.#submit(request, actor);
    const requester = { actor, actorToken: audit.actorToken, details: audit.details };
    await this.#audit(submitEntries({ ...run, plan: run }, request, requester, audit.trigger));
    return run;
  }

  async #audit(entries: AuditEntry[]): Promise<void> {
    if (this.db === undefined) return;
    for (const entry of entries) await recordAudit(this.db, entry, this.clock.now());
  }

  #submit(request: RunRequest, actor: string): Promise<RunView> {
    return this.#call(() => {
      const env = findEnvironment(this.platform, request.environment);
      const services = request.services.map((s) => findService(this.platform, s).name);
      const now = this.clock.now();
      const id = `run-${this.#nextRun++}`;
      const keys = services.length > 0 ? services : ["noop"];
      const run: RunView = {
        id,
        kind: request.kind,
        status: "queued",
        environment: env.name,
        services,
        actor,
        request,
        waitReason: null,
        wakeAt: null,
        error: null,
        createdAt: now,
        updatedAt: now,
        startedAt: null,
        finishedAt: null,
        supersededBy: null,
        stages: [
          {
            key: "main",
            title: `${request.kind} in ${env.name}`,
            environment: env.name,
            steps: keys.map((k, index) => ({
              key: `main/${k}`,
              stage: 0,
              index,
              kind: request.kind,
              title: `${request.kind} ${k}`,
              status: "pending",
              attempts: 0,
              startedAt: null,
              finishedAt: null,
              output: null,
              error: null,
            })),
          },
        ],
      };
      this.#runs.set(id, run);
      this.emit(id, { type: "run", data: { status: "queued" } });
      return structuredClone(run);
    });
  }

  get(id: string): Promise<RunView> {
    return this.#call(() => structuredClone(this.#run(id)));
  }

  unfinished(environment: string | undefined): Promise<RunSummary[]> {
    return this.#call(() =>
      [...this.#runs.values()]
        .filter(
          (r) =>
            (environment === undefined || r.environment === environment) &&
            ["queued", "running", "waiting"].includes(r.status),
        )
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          environment: r.environment,
          services: [...r.services],
          createdAt: r.createdAt,
        })),
    );
  }

  list(filter: RunFilter): Promise<RunView[]> {
    return this.#call(() =>
      [...this.#runs.values()]
        .filter(
          (r) =>
            (filter.environment === undefined || r.environment === filter.environment) &&
            (filter.status === undefined || r.status === filter.status) &&
            (filter.kind === undefined || r.kind === filter.kind),
        )
        .reverse()
        .slice(0, filter.limit ?? 50)
        .map((r) => structuredClone(r)),
    );
  }

  async cancel(id: string, actor: string, reason?: string, actorToken: string | null = null): Promise<RunView> {
    const cancelled = await this.#call(() => {
      const run = this.#run(id);
      if (FINAL_STATUSES.includes(run.status)) throw new ConflictError(`run ${id} is already ${run.status}`);
      this.setStatus(id, "cancelled", reason === undefined ? {} : { error: { kind: "cancelled", message: reason } });
      return structuredClone(run);
    });
    await this.#audit([cancelEntry(cancelled, reason, { actor, actorToken })]);
    return cancelled;
  }

  /** Records nothing: a command is accepted for a run waiting in analysis, as the real engine would. */
  async command(
    id: string,
    command: RunCommandName,
    actor: string,
    comment?: string,
    actorToken: string | null = null,
  ): Promise<RunView> {
    const run = await this.#call(() => {
      const run = this.#run(id);
      if (run.status !== "waiting" || run.waitReason?.kind !== "analysis")
        throw new ConflictError(`run ${id} has no canary step to ${command}`);
      return structuredClone(run);
    });
    await this.#audit([commandEntry(run, command, comment, { actor, actorToken })]);
    return run;
  }

  async decide(id: string, request: DecisionRequest): Promise<RunView> {
    const { run, entry } = await this.#call(() => {
      const run = this.#run(id);
      const waiting = run.status === "waiting" && run.waitReason?.kind === "approval" ? run.waitReason : undefined;
      const environment =
        request.environment === undefined
          ? waiting?.environment
          : findEnvironment(this.platform, request.environment).name;
      if (waiting === undefined || environment !== waiting.environment)
        throw new ConflictError(`run ${id} is not waiting for approval of ${environment ?? "any environment"}`);
      const gate = this.platform.environments[environment]?.approvals;
      if (gate === undefined) throw new ConflictError(`${environment} needs no approval`);
      if (request.decision === "reject" && !request.comment?.trim())
        throw new InputError("a rejection needs a comment saying why");
      const decisions = this.#decisionsOf(id, environment);
      const check = mayDecide(gate, decisions, {
        actor: request.actor,
        groups: request.groups,
        requester: run.actor,
        group: request.group,
      });
      if (!check.allowed) throw new ForbiddenError(check.reason);
      decisions.push({
        group: check.group,
        actor: request.actor,
        decision: request.decision,
        at: this.clock.now(),
        comment: request.comment,
      });
      this.emit(id, {
        type: "log",
        data: { step: `${environment}/approval`, line: `${request.decision} by ${request.actor} for ${check.group}` },
      });
      const data = {
        environment,
        group: check.group,
        comment: request.comment ?? null,
        actorToken: request.actorToken ?? null,
      };
      const entry: AuditEntry = { actor: request.actor, action: `approval.${request.decision}`, subject: id, data };
      return { run: structuredClone(run), entry };
    });
    await this.#audit([entry]);
    return run;
  }

  explain(id: string): Promise<Explanation> {
    return this.#call(() => {
      const run = this.#run(id);
      const environment = run.waitReason?.kind === "approval" ? run.waitReason.environment : undefined;
      return explainRun(
        this.platform,
        structuredClone(run),
        environment ? this.#decisionsOf(id, environment) : [],
        this.clock.now(),
      );
    });
  }

  pendingApprovals(who: { actor: string; groups: string[] }): Promise<PendingApproval[]> {
    return this.#call(() =>
      [...this.#runs.values()].flatMap((run): PendingApproval[] => {
        const reason = run.waitReason;
        const gate =
          reason?.kind === "approval" && run.status === "waiting"
            ? this.platform.environments[reason.environment]?.approvals
            : undefined;
        if (reason?.kind !== "approval" || gate === undefined) return [];
        const decisions = this.#decisionsOf(run.id, reason.environment);
        const check = mayDecide(gate, decisions, { actor: who.actor, groups: who.groups, requester: run.actor });
        const why = check.allowed ? `as ${check.group}` : check.reason;
        return [
          {
            run: structuredClone(run),
            environment: reason.environment,
            waitingFor: reason.pending,
            decisions: structuredClone(decisions),
            mayApprove: check.allowed,
            why,
          },
        ];
      }),
    );
  }

  /** Parks a run at an environment's approval gate, as the engine's approval step would. */
  waitForApproval(id: string, environment: string): void {
    const run = this.#run(id);
    const pending = this.platform.environments[environment]?.approvals?.groups ?? [];
    run.waitReason = {
      kind: "approval",
      environment,
      message: `waiting for approvals from ${pending.join(", ")}`,
      pending,
    };
    this.setStatus(id, "waiting", { waitReason: run.waitReason });
  }

  #decisionsOf(runId: string, environment: string): ApprovalDecision[] {
    const key = `${runId} ${environment}`;
    const list = this.#decisions.get(key) ?? [];
    this.#decisions.set(key, list);
    return list;
  }

  events(id: string, afterId: number): Promise<RunEvent[]> {
    return this.#call(() => {
      this.#run(id);
      return this.#events.filter((e) => e.runId === id && e.id > afterId).map((e) => structuredClone(e));
    });
  }

  waitForEvents(id: string, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const waiters = this.#waiters.get(id) ?? new Set();
      this.#waiters.set(id, waiters);
      const done = (): void => {
        waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
      for (const listener of this.#waitListeners.get(id)?.splice(0) ?? []) listener();
    });
  }

  changes(): number {
    return this.#changes;
  }

  /** Any run: the fake wakes these on every event, and only then. */
  waitForChange(signal: AbortSignal): Promise<void> {
    return this.waitForEvents(ANY_RUN, signal);
  }

  /** Resolves when someone next waits for a change to any run: a snapshot stream has caught up. */
  nextChangeWait(): Promise<void> {
    return this.nextWait(ANY_RUN);
  }

  /** Resolves when someone next waits for the run's events: the stream has caught up. */
  nextWait(id: string): Promise<void> {
    return new Promise((resolve) => this.#waitListeners.set(id, [...(this.#waitListeners.get(id) ?? []), resolve]));
  }

  /** Appends an event and wakes the run's waiters. */
  emit(runId: string, body: RunEventBody): RunEvent {
    const event: RunEvent = { id: this.#nextEvent++, runId, at: this.clock.now(), ...body };
    this.#events.push(event);
    this.#changes++;
    for (const wake of [...(this.#waiters.get(runId) ?? []), ...(this.#waiters.get(ANY_RUN) ?? [])]) wake();
    return event;
  }

  setStatus(id: string, status: RunStatus, data: Omit<RunStatusEvent["data"], "status"> = {}): void {
    const run = this.#run(id);
    run.status = status;
    run.updatedAt = this.clock.now();
    if (FINAL_STATUSES.includes(status)) run.finishedAt = run.updatedAt;
    this.emit(id, { type: "run", data: { status, ...data } });
  }

  setStep(id: string, key: string, status: StepEventStatus): void {
    const step = this.#run(id)
      .stages.flatMap((s) => s.steps)
      .find((s) => s.key === key);
    if (step === undefined) throw new Error(`run ${id} has no step ${key}`);
    if (status !== "retrying") step.status = status;
    this.emit(id, { type: "step", data: { key, status, attempt: step.attempts } });
  }

  #run(id: string): RunView {
    const run = this.#runs.get(id);
    if (run === undefined) throw new NotFoundError(`unknown run "${id}"`, { details: { id } });
    return run;
  }

  #call<T>(fn: () => T): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

type RunStatusEvent = Extract<RunEventBody, { type: "run" }>;
