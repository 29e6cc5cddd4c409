import { planRun } from "../../engine/plan/plan.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { lockHolders } from "../../store/locks/read.js";
import { activeRevisions } from "../../store/revisions/read.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { previewDeploy } from "../preview.js";
import { previewRequest, previewView } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

export function registerPreviewRoutes(app: ZodApp, context: ApiContext): void {
  const { db, clock } = context;

  app.post(
    "/preview",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "previewDeploy",
        tags: ["services"],
        summary:
          "What a deploy would change — revisions, replicas, strategy, variables (secrets masked), gates — changing nothing",
        body: previewRequest,
        response: { 200: previewView, ...commonErrors },
      },
    },
    async (request) => {
      const { environment: asked, services: names, tag } = request.body;
      // The deploy's own planner refuses what a deploy would refuse (names, tag), with the same messages.
      const { request: canonical } = planRun(context.platform, {
        kind: "deploy",
        environment: asked,
        services: names,
        params: { tag },
      });
      const environment = findEnvironment(context.platform, canonical.environment);
      const services = canonical.services.map((s) => findService(context.platform, s));
      const target = context.targets.forEnvironment(environment);
      const [active, locks] = await Promise.all([
        activeRevisions(db.kysely, environment.name),
        lockHolders(db.kysely, environment.name),
      ]);
      return previewDeploy({
        platform: context.platform,
        environment,
        services,
        tag,
        active: active.map((r) => ({ service: r.service, number: r.number, tag: r.tag, replicas: r.replicas })),
        locks: locks.map((l) => ({ service: l.service, runId: l.run_id, acquiredAt: l.acquired_at })),
        nowMs: clock.now(),
        traffic: target.trafficSplit?.(environment) ?? "weights",
        rollsOut: (service) => target.rollsOut?.(environment, service) ?? false,
      });
    },
  );
}
