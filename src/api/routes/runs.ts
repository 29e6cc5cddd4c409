import { recordAudit } from "../../audit/index.js";
import { recordRunPlatform } from "../../store/runs/platform-version.js";
import { RUN_COMMANDS } from "../../engine/types.js";
import type { RunView } from "../../engine/types.js";
import type { RunRequest } from "../../engine/types.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { cancelRequest, runCommandRequest, runFilter, runId, runRequest, runView } from "../schemas.js";
import type { ZodApp } from "../zod.js";
import { grantedPermissions, onRun, RUN_REQUEST, SIGNED_IN } from "../permission.js";

/** The gate steps a run's plan holds, for the audit: a rollback, restart or scale holds none. */
function gatesOf(run: RunView): string {
  const gates = run.stages.flatMap((s) => s.steps).filter((s) => s.kind === "approval" || s.kind === "window");
  if (gates.length === 0) return `none: a ${run.kind} passes no approval gate or window`;
  return gates.map((g) => g.title).join("; ");
}

export function registerRunRoutes(app: ZodApp, context: ApiContext): void {
  const { engine, db, clock } = context;
  const tags = ["runs"];

  app.get(
    "/runs",
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags,
        summary: "List runs, newest first",
        querystring: runFilter,
        response: { 200: runView.array(), ...commonErrors },
      },
    },
    async (request) => engine.list(request.query),
  );

  app.get(
    "/runs/:id",
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags,
        summary: "A run with its stages and steps",
        params: runId,
        response: { 200: runView, ...commonErrors },
      },
    },
    async (request) => engine.get(request.params.id),
  );

  app.post(
    "/runs",
    {
      config: { permission: RUN_REQUEST },
      schema: {
        tags,
        summary: "Start a run; the actor is the token's user",
        body: runRequest,
        response: { 201: runView, 409: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user: actor, tokenId: actorToken } = principal(request);
      // Parsed by the run kind's schema (engine/request.ts): its params are typed.
      const body: RunRequest = request.body;
      const version = context.platforms.version().version;
      const run = await engine.submit(body, actor);
      await recordRunPlatform(db.kysely, run.id, version, principal(request).groups);
      const data = {
        kind: run.kind,
        environment: run.environment,
        services: run.services,
        params: body.params,
        actorToken,
        actorAuth: principal(request).auth,
        permission: grantedPermissions(request).map((d) => ({
          action: d.action,
          environment: d.environment,
          why: d.why,
        })),
        gates: gatesOf(run),
        platformVersion: version,
      };
      await recordAudit(db, { actor, action: "run.submit", subject: run.id, data }, clock.now());
      // Overrides and skipped tests get entries of their own, so an auditor finds them by action.
      const emergency = body.kind === "deploy" || body.kind === "promote" ? body.params.emergency : undefined;
      if (emergency?.reason) {
        await recordAudit(
          db,
          {
            actor,
            action: "gate.override",
            subject: run.id,
            data: { environment: run.environment, reason: emergency.reason, actorToken },
          },
          clock.now(),
        );
      }
      if (body.kind === "promote" && body.params.skipTests === true) {
        await recordAudit(
          db,
          {
            actor,
            action: "tests.skip",
            subject: run.id,
            data: { environment: run.environment, to: body.params.to, actorToken },
          },
          clock.now(),
        );
      }
      return reply.code(201).send(run);
    },
  );

  app.post(
    "/runs/:id/cancel",
    {
      config: { permission: onRun("cancel") },
      schema: {
        tags,
        summary: "Cancel a queued, waiting or running run",
        params: runId,
        body: cancelRequest,
        response: { 200: runView, 409: errorBody, ...commonErrors },
      },
    },
    async (request) => {
      const { user: actor, tokenId: actorToken } = principal(request);
      const { reason } = request.body;
      const run = await engine.cancel(request.params.id, actor, reason);
      const data = { environment: run.environment, reason: reason ?? null, actorToken };
      await recordAudit(db, { actor, action: "run.cancel", subject: run.id, data }, clock.now());
      return run;
    },
  );

  for (const command of RUN_COMMANDS) {
    app.post(
      `/runs/:id/${command}`,
      {
        config: { permission: onRun(command) },
        schema: {
          tags,
          summary:
            command === "promote-step"
              ? "End the current canary step or blue-green analysis early, or go on from a pause"
              : "Abort the rollout: all traffic back on the stable revision at once, then roll back",
          params: runId,
          body: runCommandRequest,
          response: { 200: runView, 409: errorBody, ...commonErrors },
        },
      },
      async (request) => {
        const { user: actor, tokenId: actorToken } = principal(request);
        const { comment } = request.body;
        const run = await engine.command(request.params.id, command, actor, comment);
        await recordAudit(
          db,
          {
            actor,
            action: `run.${command}`,
            subject: run.id,
            data: { environment: run.environment, comment: comment ?? null, actorToken },
          },
          clock.now(),
        );
        return run;
      },
    );
  }
}
