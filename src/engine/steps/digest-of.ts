import { findRevision } from "../../store/revisions/read.js";
import type { StepContext } from "./handler.js";

/** The digest a recorded revision runs (null: tag only), for a target asked to resize an older revision. */
export async function digestOf(
  ctx: Pick<StepContext, "db">,
  environment: string,
  service: string,
  revision: number,
): Promise<string | null> {
  return (await findRevision(ctx.db.kysely, environment, service, revision))?.digest ?? null;
}
