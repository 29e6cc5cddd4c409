import { unknownNameHint } from "../../config/suggest.js";
import type { Platform } from "../../config/types.js";
import { NotFoundError } from "../../errors.js";
import { findEnvironment, findService, own } from "../../platform/lookup.js";
import { environmentJson } from "../../platform/describe.js";
import { environmentDetail, serviceList, variablesView } from "../../platform/views.js";
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

/** What the server's platform file says: the reads `quikship services`, `envs` and `vars` make of a local file. */
export function registerPlatformRoutes(app: ZodApp, { platform, clock }: ApiContext): void {
  const tags = ["platform"];
  app.get(
    "/platform/services",
    {
      schema: {
        tags,
        summary: "The services of the server's platform file",
        querystring: servicesQuery,
        response: { 200: serviceInfo.array(), ...commonErrors },
      },
    },
    (request) => {
      const { stack } = request.query;
      if (stack !== undefined) checkStack(platform, stack);
      return serviceList(platform, stack);
    },
  );

  app.get(
    "/platform/environments",
    {
      schema: {
        tags,
        summary: "The environment ladder in order",
        response: { 200: environmentInfo.array(), ...commonErrors },
      },
    },
    () =>
      platform.ladder.map(
        (n) => environmentJson(platform.environments[n]!) as ReturnType<typeof environmentInfo.parse>,
      ),
  );

  app.get(
    "/platform/environments/:name",
    {
      schema: {
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
        platform,
        findEnvironment(platform, request.params.name),
        at === undefined ? clock.now() : Date.parse(at),
      );
      return detail as ReturnType<typeof environmentDetailView.parse>;
    },
  );

  app.get(
    "/platform/variables",
    {
      schema: {
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
        platform,
        findEnvironment(platform, environment),
        service === undefined ? undefined : findService(platform, service),
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
