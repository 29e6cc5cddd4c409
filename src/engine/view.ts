import { fromJson } from "../store/json.js";
import type { RunRow, RunStepRow } from "../store/rows.js";
import type { Json, RunError, RunKind, RunPlan, RunRequestView, RunView, StepStatus, WaitReason } from "./types.js";

/** Rows → the run as the API shows it. */
export function runView(row: RunRow, steps: RunStepRow[]): RunView {
  const plan = fromJson(row.plan) as RunPlan;
  const request = fromJson(row.request) as RunRequestView;
  const byKey = new Map(steps.map((s) => [s.key, s]));
  return {
    id: row.id,
    kind: row.kind as RunKind,
    status: row.status,
    environment: row.environment,
    services: request.services,
    actor: row.actor,
    request,
    waitReason: row.wait_reason ? (fromJson(row.wait_reason) as WaitReason) : null,
    wakeAt: row.wake_at,
    error: row.error ? (fromJson(row.error) as RunError) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    supersededBy: row.superseded_by,
    stages: plan.stages.map((stage, stageIndex) => ({
      key: stage.key,
      title: stage.title,
      environment: stage.environment ?? null,
      // Compensation steps show once they begin: a run that did not fail has none.
      steps: [...stage.steps, ...(stage.onFailure ?? []).filter((spec) => byKey.has(spec.key))].map((spec, index) => {
        const s = byKey.get(spec.key);
        return {
          key: spec.key,
          stage: stageIndex,
          index,
          kind: spec.kind,
          title: spec.title,
          status: (s?.status ?? "pending") as StepStatus,
          attempts: s?.attempts ?? 0,
          startedAt: s?.started_at ?? null,
          finishedAt: s?.finished_at ?? null,
          output: s?.output ? (fromJson(s.output) as Json) : null,
          error: s?.error ? (fromJson(s.error) as RunError) : null,
        };
      }),
    })),
  };
}
