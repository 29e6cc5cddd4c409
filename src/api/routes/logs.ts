import { ConflictError } from "../../errors.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { logsQuery, logsView, serviceNames } from "../service-schemas.js";
import type { ZodApp } from "../zod.js";
import { inEnvironment } from "../permission.js";

/** The output of a service's instances, as a target that keeps it does (the local one; secrets already masked there). */
export function registerLogRoutes(app: ZodApp, context: ApiContext): void {
  const { targets } = context;
  app.get(
    "/logs/:environment/:service",
    {
      config: { permission: inEnvironment("logs") },
      schema: {
        operationId: "getLogs",
        tags: ["services"],
        summary: "Output lines of a service's instances on the local target, oldest first",
        description: "Follow by calling again with `after` set to the `last` of the previous answer.",
        params: serviceNames,
        querystring: logsQuery,
        response: { 200: logsView, ...commonErrors, 409: errorBody, 503: errorBody },
      },
    },
    async (request) => {
      const environment = findEnvironment(context.platform, request.params.environment);
      const service = findService(context.platform, request.params.service);
      const target = targets.forEnvironment(environment);
      if (!target.capabilities.keepsLogs) {
        throw new ConflictError(
          `${environment.name} runs on the ${target.kind} target; instance logs are kept by the local target only`,
          { details: { environment: environment.name, target: target.kind } },
        );
      }
      // Read only: reading logs never brings up what runs the instances.
      const { revision, after } = request.query;
      const lines = await target.logs(environment, service, { revision, after });
      const last = lines.reduce((max, l) => Math.max(max, l.seq), after ?? 0);
      return { environment: environment.name, service: service.name, lines, last };
    },
  );
}
