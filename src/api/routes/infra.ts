import { recordAudit } from "../../audit/append.js";
import { infraStatus } from "../../engine/infra-status.js";
import { findEnvironment } from "../../platform/lookup.js";
import { unlockState } from "../../infra/unlock.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import {
  infraEnvironmentParam,
  infraEnvironmentStatus,
  infraOutputsView,
  unlockRequest,
  unlockView,
} from "../infra-schemas.js";
import type { ZodApp } from "../zod.js";
import { inEnvironment, SIGNED_IN } from "../permission.js";

/** How many recent infra runs the status and outputs are read from. */
const RECENT_RUNS = 500;

/** Infrastructure: each environment's last apply, drift and runs under way; outputs; unlocking a state. */
export function registerInfraRoutes(app: ZodApp, context: ApiContext): void {
  const tags = ["infra"];
  const recent = () => context.engine.list({ kind: "infra", limit: RECENT_RUNS });

  app.get(
    "/infra/status",
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags,
        operationId: "getInfraStatus",
        summary:
          "Each environment with a terraform entry: last apply, drift (with the resources that differ), runs under way",
        response: { 200: infraEnvironmentStatus.array(), ...commonErrors },
      },
    },
    async () => infraStatus(context.platform, await recent()),
  );

  app.get(
    "/infra/:environment/outputs",
    {
      config: { permission: inEnvironment("infra") },
      schema: {
        tags,
        operationId: "getInfraOutputs",
        summary: "The root outputs of the environment's last apply; sensitive ones named, never valued",
        params: infraEnvironmentParam,
        response: { 200: infraOutputsView, ...commonErrors },
      },
    },
    async (request) => {
      const env = findEnvironment(context.platform, request.params.environment);
      const status = infraStatus(context.platform, await recent()).find((s) => s.environment === env.name);
      const last = status?.lastApply ?? null;
      return { environment: env.name, run: last?.run ?? null, outputs: last?.outputs ?? {} };
    },
  );

  app.post(
    "/infra/:environment/unlock",
    {
      config: { permission: inEnvironment("infra") },
      schema: {
        tags,
        operationId: "unlockInfraState",
        summary: "Release the environment's terraform state lock by its ID (terraform force-unlock); audited",
        params: infraEnvironmentParam,
        body: unlockRequest,
        response: { 200: unlockView, 409: errorBody, ...commonErrors },
      },
    },
    async (request) => {
      const { user: actor, tokenId: actorToken } = principal(request);
      const env = findEnvironment(context.platform, request.params.environment);
      const { lockId, reason } = request.body;
      const now = context.clock.now();
      await unlockState(context.infra, context.platform, env.name, lockId, now);
      await recordAudit(
        context.db,
        { actor, action: "infra.unlock", subject: env.name, data: { lockId, reason, actorToken } },
        now,
      );
      return { environment: env.name, lockId, unlocked: true as const };
    },
  );
}
