import { toJson } from "../json.js";
import type { Queryable } from "../db.js";
import type { JsonText } from "../json.js";
import type { RunStepRow } from "../rows.js";
import { isKind } from "../../kind.js";
import { publishChange } from "../changes/publish.js";

export interface NewRun {
  id: string;
  kind: string;
  request: unknown;
  plan: { stages: { key: string; steps: { key: string; kind: string; params?: unknown }[] }[] };
  actor: string;
  environment: string;
  service: string | null;
  now: number;
}

/** The locks a plan's lock steps take, as `,ENV/SERVICE,…,`; null when it takes none. */
export function lockKeys(plan: NewRun["plan"]): string | null {
  const keys = plan.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => {
      const params = step.params as { environment?: unknown; service?: unknown } | undefined;
      return isKind(step, "lock") && typeof params?.environment === "string" && typeof params.service === "string"
        ? [lockKey(params.environment, params.service)]
        : [];
    }),
  );
  return keys.length ? `,${[...new Set(keys)].join(",")},` : null;
}

export const lockKey = (environment: string, service: string): string => `${environment}/${service}`;

/** Persists a queued run with every step of its plan pending, and its first event. */
export async function insertRun(tx: Queryable, run: NewRun): Promise<void> {
  await tx
    .insertInto("runs")
    .values({
      id: run.id,
      kind: run.kind,
      status: "queued",
      wait_reason: null,
      request: toJson(run.request),
      plan: toJson(run.plan),
      actor: run.actor,
      environment: run.environment,
      service: run.service,
      lock_keys: lockKeys(run.plan),
      created_at: run.now,
      updated_at: run.now,
      started_at: null,
      finished_at: null,
      error: null,
      lease_owner: null,
      lease_expires_at: null,
      wake_at: null,
      superseded_by: null,
    })
    .execute();
  const steps = run.plan.stages.flatMap((stage, stageIndex) =>
    stage.steps.map((step, stepIndex) => ({
      run_id: run.id,
      stage_index: stageIndex,
      step_index: stepIndex,
      key: step.key,
      kind: step.kind,
      status: "pending",
      started_at: null,
      finished_at: null,
      output: null,
      state: null,
      error: null,
    })),
  );
  if (steps.length > 0) await tx.insertInto("run_steps").values(steps).execute();
  publishChange(tx, { kind: "ready" });
}

export async function appendEvent(
  tx: Queryable,
  runId: string,
  at: number,
  type: string,
  data: unknown,
): Promise<void> {
  await tx
    .insertInto("run_events")
    .values({ run_id: runId, at, type, data: toJson(data) as JsonText })
    .execute();
  publishChange(tx, { kind: "run", runId });
}

/** Adds pending steps to a stage of a run (its compensation, when a step failed) and returns their rows. */
export async function insertSteps(
  tx: Queryable,
  runId: string,
  stageIndex: number,
  steps: { key: string; kind: string; index: number }[],
): Promise<RunStepRow[]> {
  if (steps.length === 0) return [];
  return tx
    .insertInto("run_steps")
    .values(
      steps.map((s) => ({
        run_id: runId,
        stage_index: stageIndex,
        step_index: s.index,
        key: s.key,
        kind: s.kind,
        status: "pending",
        started_at: null,
        finished_at: null,
        output: null,
        state: null,
        error: null,
      })),
    )
    .returningAll()
    .execute();
}
