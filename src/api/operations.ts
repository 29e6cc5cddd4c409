/**
 * The API contract, checked as routes are added: every documented route is one named operation
 * (`operationId`, unique: a client generated from the OpenAPI document gets a method of that name)
 * that declares its 4xx answers with the one error body. A route that forgets either fails the
 * app's start, like a route that declares no permission (permission.ts).
 */
import type { FastifyInstance, RouteOptions } from "fastify";
import { InternalError } from "../errors.js";

export function requireOperationContract(app: FastifyInstance): void {
  const seen = new Map<string, string>();
  app.addHook("onRoute", (route: RouteOptions) => {
    const schema = route.schema;
    const methods = [route.method].flat();
    // fastify's own HEAD twin of a GET route, and what the document hides (the dashboard, the docs).
    if (schema?.hide === true || methods.every((m) => m === "HEAD")) return;
    const where = `route ${methods.join(",")} ${route.url}`;
    const id = schema?.operationId;
    if (typeof id !== "string" || id === "")
      throw new InternalError(`${where} declares no operationId (schema.operationId)`);
    const other = seen.get(id);
    if (other !== undefined) throw new InternalError(`${where} and ${other} both declare operationId ${id}`);
    seen.set(id, where);
    const response = schema?.response;
    const codes = typeof response === "object" && response !== null ? Object.keys(response) : [];
    if (!codes.some((code) => code.startsWith("4")))
      throw new InternalError(`${where} declares no 4xx response (schema.response, with the error body)`);
  });
}
