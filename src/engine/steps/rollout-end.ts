/**
 * A rolling rollout that completed, whoever rolled it (the engine, or the target itself): all
 * traffic on the new revision, every other revision removed, the rollout recorded and logged.
 */
import type { Environment, Service } from "../../config/types.js";
import { completeRollout } from "../../store/revisions/rollout.js";
import type { Target } from "../../targets/target.js";
import type { RolloutContext, RolloutResult } from "./rollout-schemas.js";

export async function finishRollout(
  ctx: RolloutContext,
  target: Target,
  environment: Environment,
  service: Service,
  spec: { revision: number; tag: string },
  others: Iterable<number>,
  how?: string,
): Promise<RolloutResult> {
  await target.setWeights(environment, service, { [spec.revision]: 100 });
  for (const old of others) if (old !== spec.revision) await target.removeRevision(environment, service, old);
  await ctx.db.transaction((tx) =>
    completeRollout(tx, {
      environment: environment.name,
      service: service.name,
      revision: spec.revision,
      now: ctx.clock.now(),
      historyLimit: environment.historyLimit,
    }),
  );
  await ctx.log(
    `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) serves all traffic${how ? `: ${how}` : ""}`,
  );
  return { outcome: "done", output: { revision: spec.revision, tag: spec.tag } };
}
