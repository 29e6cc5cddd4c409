import { recordRunPlatform } from "../../store/runs/platform-version.js";
import { RUN_COMMANDS } from "../../engine/types.js";
import type { RunCommandName, RunRequest } from "../../engine/types.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { cancelRequest, runCommandRequest, runFilter, runId, runRequest, runView } from "../schemas.js";
import type { ZodApp } from "../zod.js";
import { grantedPermissions, onRun, RUN_REQUEST, SIGNED_IN } from "../permission.js";

/** The operation of each command on a run's rollout. */
const COMMAND_OPERATIONS: Record<RunCommandName, { operationId: string; summary: string }> = {
  "promote-step": {
    operationId: "promoteRunStep",
    summary: "End the current canary step or blue-green analysis early, or go on from a pause",
  },
  abort: {
    operationId: "abortRun",
    summary: "Abort the rollout: all traffic back on the stable revision at once, then roll back",
  },
};

export function registerRunRoutes(app: ZodApp, context: ApiContext): void {
  const { engine, db } = context;
  const tags = ["runs"];

  app.get(
    "/runs",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listRuns",
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
        operationId: "getRun",
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
        operationId: "createRun",
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
      const details = {
        actorAuth: principal(request).auth,
        permission: grantedPermissions(request).map((d) => ({
          action: d.action,
          environment: d.environment,
          why: d.why,
        })),
        platformVersion: version,
      };
      // The run.submit entry (and gate.override, tests.skip) is written in the run's own transaction.
      const run = await engine.submit(body, actor, { actorToken, details });
      await recordRunPlatform(db.kysely, run.id, version, principal(request).groups);
      return reply.code(201).send(run);
    },
  );

  app.post(
    "/runs/:id/cancel",
    {
      config: { permission: onRun("cancel") },
      schema: {
        operationId: "cancelRun",
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
      return engine.cancel(request.params.id, actor, reason, actorToken);
    },
  );

  for (const command of RUN_COMMANDS) {
    app.post(
      `/runs/:id/${command}`,
      {
        config: { permission: onRun(command) },
        schema: {
          ...COMMAND_OPERATIONS[command],
          tags,
          params: runId,
          body: runCommandRequest,
          response: { 200: runView, 409: errorBody, ...commonErrors },
        },
      },
      async (request) => {
        const { user: actor, tokenId: actorToken } = principal(request);
        const { comment } = request.body;
        return engine.command(request.params.id, command, actor, comment, actorToken);
      },
    );
  }
}
