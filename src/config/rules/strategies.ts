import type { PathSegment } from "../diagnostics.js";
import type { ParsedPlatform } from "../schema/platform.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

type Steps = { weight: number; bake?: string | undefined }[];

function checkSteps(ctx: RuleContext, path: PathSegment[], steps: Steps): void {
  steps.forEach((step, i) => {
    if (i > 0 && step.weight <= steps[i - 1]!.weight) {
      ctx.error(
        [...path, i, "weight"],
        `canary weights must strictly increase: ${step.weight} follows ${steps[i - 1]!.weight}`,
      );
    }
    if (i < steps.length - 1 && step.bake === undefined)
      ctx.error([...path, i], `step ${i + 1} (weight ${step.weight}) needs a bake time such as "15m"`);
  });
  const last = steps[steps.length - 1];
  if (last && last.weight !== 100)
    ctx.error([...path, steps.length - 1, "weight"], `the last canary step must be weight 100, got ${last.weight}`);
}

type Strategy = NonNullable<NonNullable<ParsedPlatform["environments"]>[string]["strategy"]>;

function checkStrategy(ctx: RuleContext, path: PathSegment[], strategy: Strategy | undefined): void {
  if (strategy?.type !== "canary") return;
  if ((strategy.plan === undefined) === (strategy.steps === undefined)) {
    ctx.error(
      path,
      `a canary strategy needs either plan (a name under analysis.canaryPlans) or steps, ${strategy.plan ? "not both" : "and has neither"}`,
    );
  }
  if (strategy.steps) checkSteps(ctx, [...path, "steps"], strategy.steps);
}

/** Canary weights strictly increase and end at 100; a canary names a plan or lists steps. */
export function canaryStepsAreSound(ctx: RuleContext): void {
  for (const [name, plan] of entries(ctx.written.analysis?.canaryPlans))
    checkSteps(ctx, ["analysis", "canaryPlans", name, "steps"], plan.steps);
  for (const [name, env] of entries(ctx.written.environments))
    checkStrategy(ctx, ["environments", name, "strategy"], env.strategy);
  for (const [name, svc] of entries(ctx.written.services))
    checkStrategy(ctx, ["services", name, "strategy"], svc.strategy);
}

/** Warning thresholds come before critical ones. */
export function thresholdsAreOrdered(ctx: RuleContext): void {
  const t = ctx.platform.analysis.thresholds;
  const pairs = [
    ["latencyP99", t.latencyP99Ms],
    ["errorRate", t.errorRatePercent],
    ["cpu", t.cpuPercent],
    ["memory", t.memoryPercent],
    ["podRestarts", t.podRestarts],
  ] as const;
  for (const [key, threshold] of pairs) {
    if (threshold && threshold.warning > threshold.critical) {
      ctx.error(["analysis", "thresholds", key, "warning"], "the warning threshold is above the critical one");
    }
  }
}
