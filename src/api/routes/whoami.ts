import { principal } from "../auth.js";
import { commonErrors } from "../errors.js";
import { whoami } from "../schemas.js";
import type { ZodApp } from "../zod.js";

export function registerWhoamiRoutes(app: ZodApp): void {
  app.get(
    "/whoami",
    {
      schema: {
        tags: ["auth"],
        summary: "The user and groups the token acts as",
        response: { 200: whoami, ...commonErrors },
      },
    },
    (request) => principal(request),
  );
}
