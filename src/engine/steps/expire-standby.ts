import * as z from "zod";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { findRevision } from "../../store/revisions/read.js";
import { claimStandby, clearStandbyUntil } from "../../store/revisions/standby.js";
import { defineStep, NO_STATE } from "./contract.js";
import { environmentName, serviceName } from "./names.js";

/**
 * Stops a standby revision whose time is up (a blue-green switch keeps the previous revision
 * running for `standby`, so a rollback is an instant switch back). Planned after the service's
 * lock, so no rollout or rollback changes the revision meanwhile. The revision is claimed with a
 * conditional update (standby → superseded) and then removed through the fenced target; a step
 * executed again after its server died finds it superseded and removes it again (removal is
 * idempotent). A revision that serves traffic again, is active again, or whose standby a later
 * switch prolonged is left running.
 */
export const expireStandbyStep = defineStep({
  kind: "expire-standby",
  params: z.strictObject({ environment: environmentName, service: serviceName, revision: z.int().min(1) }),
  state: NO_STATE,
  output: z.object({
    revision: z.int(),
    removed: z.boolean(),
    /** Why it was removed or left running. */
    reason: z.string(),
  }),
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const service = findService(ctx.platform, p.service);
  const what = `${service.name} in ${environment.name}: revision ${p.revision}`;
  const done = async (removed: boolean, reason: string) => {
    await ctx.log(`${what} ${reason}`);
    return { outcome: "done" as const, output: { revision: p.revision, removed, reason } };
  };
  const row = await findRevision(ctx.db.kysely, environment.name, service.name, p.revision);
  if (!row) return done(false, "does not exist; nothing to stop");
  const now = ctx.clock.now();
  if (row.status === "standby" && (row.standby_until === null || row.standby_until > now)) {
    const until = row.standby_until === null ? "no deadline" : new Date(row.standby_until).toISOString();
    return done(false, `stays on standby (a later switch set its time: ${until}); left running`);
  }
  if (row.status !== "standby" && row.status !== "superseded")
    return done(false, `is ${row.status} again; left running`);
  const target = ctx.targets.forEnvironment(environment);
  const weight = (await target.status(environment, service)).weights[String(p.revision)] ?? 0;
  if (weight > 0) {
    await ctx.db.transaction((tx) => clearStandbyUntil(tx, environment.name, service.name, p.revision));
    return done(false, `serves ${weight}% of the traffic again; left running`);
  }
  // A superseded revision was claimed by an earlier execution of this step (its server died
  // before the removal) or by a later rollout: removing it again is harmless.
  if (row.status === "standby") await claimStandby(ctx.db.kysely, environment.name, service.name, p.revision);
  await target.removeRevision(environment, service, p.revision);
  return done(true, "stopped: its standby time is up");
});
