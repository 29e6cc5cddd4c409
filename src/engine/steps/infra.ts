import { planMarkdown } from "../../infra/terraform/markdown.js";
import { SecretSet } from "../../infra/terraform/redact.js";
import { type InfraSettings, fileDigest } from "../../infra/workspace.js";
import { defineStep, type StepContract, type TypedStepContext, type TypedStepResult } from "./contract.js";
import { StepFailure } from "./handler.js";
import { applyOperation } from "./infra-apply.js";
import { eventLogger } from "./infra-log.js";
import { prepare, warningsOf } from "./infra-prepare.js";
import {
  type InfraOutput,
  type InfraParams,
  type InfraState,
  infraOutput,
  infraParams,
  infraState,
} from "./infra-schemas.js";

type Ctx = TypedStepContext<InfraState>;
type Result = TypedStepResult<InfraState, InfraOutput>;

async function planOperation(
  settings: InfraSettings,
  ctx: Ctx,
  p: Extract<InfraParams, { operation: "plan" }>,
): Promise<Result> {
  const { workspace: ws, environment, common } = await prepare(settings, ctx, p, true);
  const logger = eventLogger((l) => ctx.log(l), new SecretSet());
  try {
    const mode = p.mode === "destroy" ? "destroy" : "normal";
    const planned = await ws.terraform.plan({
      out: ws.planFile,
      varFile: ws.varFile,
      mode,
      onEvent: logger.onEvent,
      signal: ctx.signal,
    });
    const shown = await ws.terraform.show(ws.planFile);
    const warnings = warningsOf(planned.diagnostics);
    const markdown = planMarkdown({
      environment,
      summary: shown.summary,
      revision: p.revision,
      diagnostics: planned.diagnostics,
    });
    const s = shown.summary;
    await ctx.log(`${environment}: plan saved: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy`);
    return {
      outcome: "done",
      output: shown.secrets.scrubDeep({
        operation: "plan",
        ...common,
        warnings,
        mode: p.mode,
        planDigest: fileDigest(ws.planFile),
        summary: shown.summary,
        markdown,
      }),
    };
  } finally {
    await logger.flush();
  }
}

async function driftOperation(
  settings: InfraSettings,
  ctx: Ctx,
  p: Extract<InfraParams, { operation: "drift" }>,
): Promise<Result> {
  const { workspace: ws, environment, common } = await prepare(settings, ctx, p, true);
  const logger = eventLogger((l) => ctx.log(l), new SecretSet());
  try {
    const { report, plan } = await ws.terraform.drift({
      out: ws.planFile,
      varFile: ws.varFile,
      onEvent: logger.onEvent,
      signal: ctx.signal,
    });
    const what =
      report.status === "up-to-date"
        ? "up to date"
        : `drifted: ${[...report.resources.map((r) => `${r.address} (${r.action})`), ...report.outputs.map((o) => `output.${o.name}`)].join(", ")}`;
    await ctx.log(`${environment}: ${what}`);
    return {
      outcome: "done",
      output: plan.secrets.scrubDeep({
        operation: "drift",
        ...common,
        warnings: [],
        checkedAtMs: ctx.clock.now(),
        report,
      }),
    };
  } finally {
    await logger.flush();
  }
}

/**
 * The `infra` step kind: plan (a saved plan, redacted summary and Markdown), apply (exactly that
 * saved plan, once), drift (a refresh-only plan), driving the terraform wrapper in a working copy of
 * the run's module revision per environment.
 */
export function infraStep(settings: InfraSettings | undefined): StepContract<InfraParams, InfraState, InfraOutput> {
  return defineStep({ kind: "infra", params: infraParams, state: infraState, output: infraOutput }).handledBy(
    async (ctx, p) => {
      if (!settings) throw new StepFailure("this server is not set up to run terraform (no infrastructure directory)");
      switch (p.operation) {
        case "plan":
          // A held state lock (StateLockedError) is retryable: the engine retries with backoff, then fails naming the holder.
          return planOperation(settings, ctx, p);
        case "drift":
          return driftOperation(settings, ctx, p);
        case "apply":
          return applyOperation(settings, ctx, p);
      }
    },
  );
}
