import { whoami } from "../access-schemas.js";
import { csrfTokenOfRequest, principal } from "../auth.js";
import { commonErrors } from "../errors.js";
import { SIGNED_IN } from "../permission.js";
import { approvalRefusal } from "../../access/principal.js";
import type { ApiContext } from "../context.js";
import type { ZodApp } from "../zod.js";

export function registerWhoamiRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/whoami",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "whoami",
        tags: ["auth"],
        summary: "The user and groups the token or session acts as, and how it authenticated",
        response: { 200: whoami, ...commonErrors },
      },
    },
    (request) => {
      const p = principal(request);
      const csrfToken = csrfTokenOfRequest(request);
      return {
        ...p,
        mayApprove: approvalRefusal(p, context.platform.signIn.oidc !== undefined) === undefined,
        ...(csrfToken === undefined ? {} : { csrfToken }),
      };
    },
  );
}
