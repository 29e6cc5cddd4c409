/**
 * A rolling rollout that failed: the service put back on the newest other revision that runs (the
 * target re-applies what it applied for it), the new revision marked failed, and the step failed
 * with why, naming the revision it rolled back to.
 */
import type { Environment, Service } from "../../config/types.js";
import { setRevisionStatus } from "../../store/revisions/write.js";
import type { ServiceStatus, Target } from "../../targets/target.js";
import { StepFailure } from "./handler.js";
import type { RolloutContext } from "./rollout-schemas.js";

export async function rollBack(
  ctx: RolloutContext,
  target: Target,
  environment: Environment,
  service: Service,
  spec: { revision: number; tag: string; replicas: number },
  status: ServiceStatus,
  why: string,
): Promise<never> {
  const previous = status.revisions
    .filter((r) => r.revision !== spec.revision && r.desired > 0)
    .sort((a, b) => b.revision - a.revision)[0];
  await target.rollBack(environment, service, { from: spec.revision, to: previous?.revision ?? null });
  await ctx.db.transaction((tx) =>
    setRevisionStatus(tx, environment.name, service.name, spec.revision, "failed", ctx.clock.now()),
  );
  const back = previous
    ? `rolled back to revision ${previous.revision} (${previous.tag})`
    : "no previous revision to roll back to";
  await ctx.log(
    `${service.name} in ${environment.name}: revision ${spec.revision} (${spec.tag}) failed its health checks: ${why}; ${back}`,
  );
  throw new StepFailure(
    `revision ${spec.revision} of ${service.name} (${spec.tag}) failed its health checks in ${environment.name}: ${why}; ${back}`,
    {
      details: { revision: spec.revision, rolledBackTo: previous?.revision ?? null },
    },
  );
}
