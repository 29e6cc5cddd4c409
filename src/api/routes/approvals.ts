import type { FastifyRequest } from "fastify";
import { ForbiddenError, InternalError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import { listDecisions } from "../../store/approvals/decisions.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { approvalRefusal } from "../../access/principal.js";
import { commonErrors, errorBody } from "../errors.js";
import { approveRequest, decidedRun, pendingApproval, rejectRequest } from "../promotion-schemas.js";
import type { DecidedRun } from "../promotion-schemas.js";
import { runId } from "../schemas.js";
import type { ZodApp } from "../zod.js";
import { APPROVAL, SIGNED_IN } from "../permission.js";
import { isKind } from "../../kind.js";

interface DecisionBody {
  environment?: string | undefined;
  group?: string | undefined;
  comment?: string | undefined;
}

/** Approving and rejecting runs that wait at an approval gate, and what waits for the caller. */
export function registerApprovalRoutes(app: ZodApp, context: ApiContext): void {
  const tags = ["approvals"];
  const responses = { 409: errorBody, ...commonErrors };

  app.post(
    "/runs/:id/approve",
    {
      config: { permission: APPROVAL },
      schema: {
        operationId: "approveRun",
        tags,
        summary: "Approve a run waiting for approval, for a group of yours the gate waits for",
        params: runId,
        body: approveRequest,
        response: { 200: decidedRun, ...responses },
      },
    },
    (request) => decide(context, request, request.params.id, "approve", request.body),
  );

  app.post(
    "/runs/:id/reject",
    {
      config: { permission: APPROVAL },
      schema: {
        operationId: "rejectRun",
        tags,
        summary: "Reject a run waiting for approval; it fails with the comment",
        params: runId,
        body: rejectRequest,
        response: { 200: decidedRun, ...responses },
      },
    },
    (request) => decide(context, request, request.params.id, "reject", request.body),
  );

  app.get(
    "/approvals",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listApprovals",
        tags,
        summary: "Runs waiting for approval, each with whether you may decide and why",
        response: { 200: pendingApproval.array(), ...commonErrors },
      },
    },
    (request) => {
      const { user: actor, groups } = principal(request);
      return context.engine.pendingApprovals({ actor, groups });
    },
  );
}

/**
 * Records the caller's decision and audits it. The environment is fixed before deciding (the one
 * asked for, else the one the run waits for now), so a run that moved on meanwhile is a conflict
 * rather than a decision on a gate the caller never saw.
 */
async function decide(
  context: ApiContext,
  request: FastifyRequest,
  id: string,
  decision: "approve" | "reject",
  body: DecisionBody,
): Promise<DecidedRun> {
  const { engine, platform, db } = context;
  const p = principal(request);
  const { user: actor, groups, tokenId: actorToken } = p;
  const refused = approvalRefusal(p, context.platform.signIn.oidc !== undefined);
  if (refused !== undefined)
    throw new ForbiddenError(refused, { details: { permission: "approve", auth: p.auth, tokenId: p.tokenId } });
  const environment =
    body.environment !== undefined
      ? findEnvironment(platform, body.environment).name
      : await waitingEnvironment(context, id);
  const run = await engine.decide(id, {
    actor,
    actorToken,
    actorAuth: p.auth,
    groups,
    decision,
    environment,
    group: body.group,
    comment: body.comment,
  });
  // The engine refuses a run that waits for no approval, so here the environment is known.
  if (environment === undefined)
    throw new InternalError(`run ${id} accepted a ${decision} while waiting for no approval`);
  const recorded = (await listDecisions(db.kysely, id, environment)).find((d) => d.actor === actor);
  if (recorded === undefined)
    throw new InternalError(`the ${decision} of ${actor} on run ${id} was accepted but is not in the store`);
  return { ...run, decision: { ...recorded, environment } };
}

async function waitingEnvironment({ engine }: ApiContext, id: string): Promise<string | undefined> {
  const run = await engine.get(id);
  return run.status === "waiting" && isKind(run.waitReason, "approval") ? run.waitReason.environment : undefined;
}
