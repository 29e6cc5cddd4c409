import type { Platform } from "../config/types.js";
import type { ResourceChange, OutputChange } from "../infra/terraform/changes.js";
import type { OutputValue } from "../infra/terraform/outputs.js";
import { findEnvironment } from "../platform/lookup.js";
import { infraOutput } from "./steps/infra-schemas.js";
import type { InfraOutput } from "./steps/infra-schemas.js";
import type { RunView, StepView } from "./types.js";
import { isKind } from "../kind.js";

/** One environment's infrastructure as quikship last saw it. Sensitive outputs are named, never valued. */
export interface InfraEnvironmentStatus {
  environment: string;
  lastApply: {
    run: string;
    at: number;
    revision: string;
    counts: { add: number; change: number; remove: number; import: number };
    outputs: Record<string, OutputValue>;
  } | null;
  drift:
    | { status: "unknown" }
    | { status: "up-to-date"; run: string; checkedAtMs: number }
    | { status: "drifted"; run: string; checkedAtMs: number; resources: ResourceChange[]; outputs: OutputChange[] };
  /** Infra runs of this environment not finished yet: what each waits for. */
  active: { run: string; action: string; status: string; waiting: string | null }[];
}

function infraOutputOf(step: StepView): InfraOutput | null {
  if (!isKind(step, "infra") || step.status !== "succeeded") return null;
  const parsed = infraOutput.safeParse(step.output);
  return parsed.success ? parsed.data : null;
}

function statusOf(name: string, runs: readonly RunView[]): InfraEnvironmentStatus {
  const status: InfraEnvironmentStatus = {
    environment: name,
    lastApply: null,
    drift: { status: "unknown" },
    active: [],
  };
  // Newest first: the first apply and the first drift check found are the latest.
  for (const run of runs) {
    const envSteps = run.stages.filter((s) => s.environment === name).flatMap((s) => s.steps);
    if (envSteps.length === 0) continue;
    if (run.status === "queued" || run.status === "running" || run.status === "waiting")
      status.active.push({
        run: run.id,
        action: typeof run.request.params.action === "string" ? run.request.params.action : "",
        status: run.status,
        waiting: run.waitReason?.message ?? null,
      });
    for (const step of envSteps) {
      const out = infraOutputOf(step);
      if (out?.operation === "apply" && status.lastApply === null)
        status.lastApply = {
          run: run.id,
          at: step.finishedAt ?? run.updatedAt,
          revision: out.revision,
          counts: out.counts,
          outputs: out.outputs,
        };
      if (out?.operation === "drift" && status.drift.status === "unknown")
        status.drift =
          out.report.status === "up-to-date"
            ? { status: "up-to-date", run: run.id, checkedAtMs: out.checkedAtMs }
            : {
                status: "drifted",
                run: run.id,
                checkedAtMs: out.checkedAtMs,
                resources: out.report.resources,
                outputs: out.report.outputs,
              };
    }
  }
  return status;
}

/**
 * Every environment with a terraform entry, in ladder order: its last apply (with outputs), its
 * last drift check, and its infra runs under way. Pure over infra runs, newest first. An apply after
 * a drift check makes that check out of date: the drift shows as unknown until the next check.
 */
export function infraStatus(platform: Platform, runs: readonly RunView[]): InfraEnvironmentStatus[] {
  const entries = Object.keys(platform.terraform?.environments ?? {});
  const names = platform.ladder.filter((name) => {
    const env = findEnvironment(platform, name);
    return [env.name, ...env.aliases].some((n) => entries.includes(n));
  });
  return names.map((name) => {
    const status = statusOf(name, runs);
    if (status.lastApply && status.drift.status !== "unknown" && status.lastApply.at > status.drift.checkedAtMs)
      status.drift = { status: "unknown" };
    return status;
  });
}
