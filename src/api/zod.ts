/**
 * zod as fastify's schema language: routes declare zod schemas, requests are validated by zod,
 * and the same schemas become the OpenAPI document's JSON Schemas.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  FastifySchemaCompiler,
  FastifySerializerCompiler,
  FastifyTypeProvider,
  RawServerDefault,
} from "fastify";
import * as z from "zod";
import { InputError } from "../errors.js";

/** Types request parts and replies from the zod schemas of a route. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends z.ZodType ? z.output<this["schema"]> : unknown;
  serializer: this["schema"] extends z.ZodType ? z.input<this["schema"]> : unknown;
}

/** An app whose routes declare zod schemas. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const PART_NAMES: Record<string, string> = { body: "body", querystring: "query", params: "path", headers: "header" };

export interface Issue {
  /** Where: "body.environment", "query.limit". */
  path: string;
  message: string;
  code: string;
}

/** Validates a request part with its zod schema; a failure is an InputError listing every issue. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = PART_NAMES[httpPart ?? "body"] ?? httpPart ?? "body";
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const issues: Issue[] = result.error.issues.map((i) => ({
      path: [part, ...i.path.map(String)].join("."),
      message: i.message,
      code: i.code,
    }));
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    return { error: new InputError(`invalid request ${part}: ${summary}`, { details: { issues } }) };
  };
};

/** Replies are built by our own handlers from typed values: their schemas document, they do not check. */
export const jsonSerializerCompiler: FastifySerializerCompiler<z.ZodType> = () => (data) => JSON.stringify(data);

function isZod(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

/**
 * The JSON Schema (OpenAPI 3.0 flavour) of a zod schema, as the input side: requests as sent, and
 * replies without `additionalProperties: false`, since they may carry more than is documented.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: "openapi-3.0", io, unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return typedNullables(json) as Record<string, unknown>;
}

/** OpenAPI 3.0's null: `nullable` needs a `type` beside it. */
const NULL_SCHEMA = { type: "object", nullable: true, enum: [null] };

/**
 * A nullable union (`anyOf`/`oneOf` with `nullable` and no `type`) is not valid OpenAPI 3.0: its
 * null becomes a member of its own, which generators read as `| null`.
 */
function typedNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typedNullables);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, typedNullables(value)]),
  );
  const members: unknown = out.anyOf ?? out.oneOf;
  if (out.nullable === true && out.type === undefined && Array.isArray(members)) {
    delete out.nullable;
    const key = out.anyOf === undefined ? "oneOf" : "anyOf";
    out[key] = [...(members as unknown[]), NULL_SCHEMA];
  }
  return out;
}

/** @fastify/swagger's `transform`: turns each route's zod schemas into JSON Schemas. */
export function zodToOpenApi({ schema, url }: { schema: FastifySchema; url: string }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const key of ["body", "querystring", "params", "headers"] as const) {
    const part = schema[key];
    if (isZod(part)) out[key] = jsonSchemaOf(part);
  }
  const response = schema.response as Record<string, unknown> | undefined;
  if (response) {
    out.response = Object.fromEntries(
      Object.entries(response).map(([code, value]) => [
        code,
        isZod(value) ? { ...jsonSchemaOf(value), description: value.description ?? "" } : value,
      ]),
    );
  }
  return { schema: out, url };
}
