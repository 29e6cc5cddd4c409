/** `quikship explain RUN`: the engine's explanation, as one sentence and then its details. */
import type { ExplanationView } from "../../api/promotion-schemas.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";
import { isKind } from "../../kind.js";
import { utcText } from "../../gates/utc-text.js";

type Waiting = NonNullable<ExplanationView["waiting"]>;

/** Two aligned columns under a heading. */
function block(heading: string, rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return [heading, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
}

function details(w: Waiting): string[] {
  const where = w.environment ?? "?";
  if (w.approvals) {
    const { groups, waitingFor, policy, timesOutAt } = w.approvals;
    const rows = groups.map((g): [string, string] => [
      g.group,
      g.approvedBy.length > 0
        ? `approved by ${g.approvedBy.join(", ")}`
        : waitingFor.includes(g.group)
          ? "missing"
          : "not needed now",
    ]);
    if (timesOutAt) rows.push(["times out", moment(timesOutAt)]);
    return block(`approvals of ${where} (policy ${policy})`, rows);
  }
  if (isKind(w, "window")) {
    const opens = w.earliest ? moment(w.earliest) : "not within a year";
    // The message repeats the opening after "; ": keep its first part, the reason (outside the window, a freeze).
    return block(`deployment window of ${where}`, [
      ["now", w.message.split("; ")[0] ?? w.message],
      ["opens", opens],
    ]);
  }
  if (w.lock)
    return block(`lock in ${where}`, [["held by", `run ${w.lock.heldBy} (quikship explain ${w.lock.heldBy})`]]);
  if (w.earliest) return block(w.kind, [["goes on", utcText(w.earliest.ms)]]);
  return [];
}

/** A moment in its zone with the UTC instant beside it (`Mon 2026-11-23 09:00 America/New_York (2026-11-23T14:00:00Z)`); the instant alone in UTC. */
function moment(m: { local: string; utc: string }): string {
  const utc = utcText(Date.parse(m.utc));
  return / UTC$/.test(m.local) ? utc : `${m.local} (${utc})`;
}

/** Every gate still ahead, one line each; the emergency overrides; what takes the tag on afterwards. */
function ahead(e: ExplanationView): string[] {
  const lines: string[] = [];
  if (e.ahead.length > 0)
    lines.push(
      ...block(
        "gates ahead",
        e.ahead.map((g): [string, string] => [`${g.environment} ${g.kind}`, g.description]),
      ),
    );
  if (e.overrides.length > 0)
    lines.push(
      ...block(`emergency override: ${e.overrides[0]!.reason}`, [
        ...e.overrides.map((o): [string, string] => [`${o.environment} ${o.gate}`, "not enforced"]),
        ["approvals, tests", "still apply"],
      ]),
    );
  if (e.then.length > 0)
    lines.push(
      ...block(
        "afterwards",
        e.then.map((p): [string, string] => [
          p.environment,
          p.deployment === "auto"
            ? `promoted from ${p.from} by itself once it succeeds there with its tests passed`
            : `promoted from ${p.from} at ${p.next ? moment(p.next) : "no future time"} (scheduled)`,
        ]),
      ),
    );
  return lines;
}

export function explanationText(e: ExplanationView): string {
  return [`run ${e.run} ${e.summary}`, ...(e.waiting ? details(e.waiting) : []), ...ahead(e)].join("\n");
}

export async function explain(id: string, options: ClientOptions): Promise<number> {
  emit(
    options,
    await clientFor(options).get<ExplanationView>(`/v1/runs/${encodeURIComponent(id)}/explain`),
    explanationText,
  );
  return 0;
}
