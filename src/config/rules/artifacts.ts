import type { RuleContext } from "./context.js";
import { entries } from "./context.js";
import { cronProblem, isTimeZone } from "./windows.js";

/**
 * An environment that requires scan reports or signatures checks them per image digest; with
 * `registry: none` (on the environment or a service) no digest is ever pinned, so every such
 * deploy would fail at its gate. Said here, where the two settings are written, instead.
 */
export function digestChecksHaveDigests(ctx: RuleContext): void {
  const offline = entries(ctx.written.services)
    .filter(([, s]) => s.registry === "none")
    .map(([name]) => `"${name}"`);
  for (const [name, env] of entries(ctx.written.environments)) {
    const base = ["environments", name];
    const checks = [
      ...(env.security?.requireReport === true
        ? [{ path: [...base, "security", "requireReport"], what: "requires a scan report of each image's digest" }]
        : []),
      ...(env.signatures !== undefined
        ? [{ path: [...base, "signatures"], what: "requires each image's digest to be signed" }]
        : []),
    ];
    for (const check of checks) {
      if (env.registry === "none")
        ctx.error(
          check.path,
          `${check.what}, but the environment has registry: none, so no image has a digest to check; pin images (registry: pin) or drop the requirement`,
        );
      else if (offline.length > 0)
        ctx.error(
          check.path,
          `${check.what}, but ${offline.length === 1 ? "service" : "services"} ${offline.join(", ")} ${offline.length === 1 ? "has" : "have"} registry: none, so no digest to check; pin their images or drop the requirement`,
        );
    }
  }
}

/** Scheduled pruning needs a real cron expression and time zone. */
export function retentionScheduleIsValid(ctx: RuleContext): void {
  const schedule = ctx.written.registry?.retention?.schedule;
  if (!schedule) return;
  const base = ["registry", "retention", "schedule"];
  const problem = cronProblem(schedule.cron);
  if (problem) ctx.error([...base, "cron"], `invalid cron expression "${schedule.cron}": ${problem}`);
  if (schedule.timezone !== undefined && !isTimeZone(schedule.timezone))
    ctx.error(
      [...base, "timezone"],
      `unknown time zone "${schedule.timezone}"; use an IANA name such as Europe/London`,
    );
}
