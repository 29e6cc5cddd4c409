import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { explanation } from "../promotion-schemas.js";
import { runId } from "../schemas.js";
import type { ZodApp } from "../zod.js";
import { SIGNED_IN } from "../permission.js";

export function registerExplainRoutes(app: ZodApp, { engine }: ApiContext): void {
  app.get(
    "/runs/:id/explain",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "explainRun",
        tags: ["runs"],
        summary:
          "Why a run waits — missing approvals by group, the next window opening, the run holding a lock — and when it can go on; every gate still ahead, emergency overrides, and the next automatic or scheduled promotion",
        params: runId,
        response: { 200: explanation, ...commonErrors },
      },
    },
    (request) => engine.explain(request.params.id),
  );
}
