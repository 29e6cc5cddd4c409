import { unknownNameHint } from "../../config/suggest.js";
import type { Platform } from "../../config/types.js";
import { NotFoundError } from "../../errors.js";
import { findEnvironment, findService, own } from "../../platform/lookup.js";
import { environmentJson } from "../../platform/describe.js";
import { environmentDetail } from "../../platform/environment-detail.js";
import { serviceList, variablesView } from "../../platform/views.js";
import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import {
  environmentDetailView,
  environmentInfo,
  environmentName,
  environmentQuery,
  serviceInfo,
  servicesQuery,
  variablesQuery,
  variablesView as variablesSchema,
} from "../platform-schemas.js";
import type { ZodApp } from "../zod.js";
import { inEnvironment, SIGNED_IN } from "../permission.js";

/** What the server's platform file says: the reads `quikship services`, `envs` and `vars` make of a local file. */
export function registerPlatformRoutes(app: ZodApp, context: ApiContext): void {
  const { clock } = context;

  const tags = ["platform"];
  app.get(
    "/platform/services",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listServices",
        tags,
        summary: "The services of the server's platform file",
        querystring: servicesQuery,
        response: { 200: serviceInfo.array(), ...commonErrors },
      },
    },
    (request) => {
      const { stack } = request.query;
      if (stack !== undefined) checkStack(context.platform, stack);
      return serviceList(context.platform, stack);
    },
  );

  app.get(
    "/platform/environments",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listEnvironments",
        tags,
        summary: "The environment ladder in order",
        response: { 200: environmentInfo.array(), ...commonErrors },
      },
    },
    () =>
      context.platform.ladder.map(
        (n) => environmentJson(context.platform.environments[n]!) as ReturnType<typeof environmentInfo.parse>,
      ),
  );

  app.get(
    "/platform/environments/:name",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getEnvironment",
        tags,
        summary: "One environment in detail, with whether its deployment window is open now (or ?at=)",
        params: environmentName,
        querystring: environmentQuery,
        response: { 200: environmentDetailView, ...commonErrors },
      },
    },
    (request) => {
      const at = request.query.at;
      const detail = environmentDetail(
        context.platform,
        findEnvironment(context.platform, request.params.name),
        at === undefined ? clock.now() : Date.parse(at),
      );
      return detail as ReturnType<typeof environmentDetailView.parse>;
    },
  );

  app.get(
    "/platform/variables",
    {
      config: { permission: inEnvironment("variables") },
      schema: {
        operationId: "listVariables",
        tags,
        summary:
          "Effective variables of an environment (and a service) for an operation, each with the group it came from; secrets masked",
        querystring: variablesQuery,
        response: { 200: variablesSchema, ...commonErrors },
      },
    },
    (request) => {
      const { environment, service, operation } = request.query;
      return variablesView(
        context.platform,
        findEnvironment(context.platform, environment),
        service === undefined ? undefined : findService(context.platform, service),
        operation,
      );
    },
  );
}

function checkStack(platform: Platform, stack: string): void {
  if (own(platform.stacks, stack) !== undefined) return;
  const known = Object.keys(platform.stacks);
  throw new NotFoundError(`unknown stack "${stack}"${unknownNameHint(stack, known)}`, { details: { stack, known } });
}
