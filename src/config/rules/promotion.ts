import { entries } from "./context.js";
import type { RuleContext } from "./context.js";
import { cronProblem, isTimeZone } from "./windows.js";

/** Automatic and scheduled promotion need a source, and a schedule needs a real cron expression and zone. */
export function promotionsAreWellFormed(ctx: RuleContext): void {
  for (const [name, env] of entries(ctx.written.environments)) {
    const base = ["environments", name];
    const how = env.deployment ?? "manual";
    if (how !== "manual" && env.from === undefined)
      ctx.error(
        [...base, "deployment"],
        `deployment "${how}" promotes from the environment named by \`from\`, and ${name} has none; add from: or use deployment: manual`,
      );
    if (how === "scheduled" && env.schedule === undefined)
      ctx.error(
        [...base, "deployment"],
        'deployment "scheduled" needs schedule: { cron: "..." }, e.g. { cron: "0 6 * * 1-5", timezone: "Europe/London" }',
      );
    const s = env.schedule;
    if (!s) continue;
    if (how !== "scheduled")
      ctx.warn([...base, "schedule"], `schedule is read only with deployment: scheduled, and ${name} is ${how}`);
    const problem = cronProblem(s.cron);
    if (problem) ctx.error([...base, "schedule", "cron"], `invalid cron expression "${s.cron}": ${problem}`);
    if (s.timezone !== undefined && !isTimeZone(s.timezone))
      ctx.error(
        [...base, "schedule", "timezone"],
        `unknown time zone "${s.timezone}"; use an IANA name such as Europe/London`,
      );
  }
}
