import type { Environment } from "../../config/types.js";
import { UsageError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import { approvalsText, environmentJson, strategyText, windowsText } from "../../platform/describe.js";
import { emit, table } from "../output.js";
import type { OutputOptions } from "../output.js";
import { environmentDetail } from "../../platform/environment-detail.js";
import type { EnvironmentDetail } from "../../platform/environment-detail.js";
import { loadForCommand } from "../platform-option.js";

export async function envs(
  name: string | undefined,
  options: OutputOptions & { config?: string; at?: string },
): Promise<number> {
  const platform = await loadForCommand(options.config);
  if (name === undefined) {
    const list = platform.ladder.map((n) => environmentJson(platform.environments[n]!));
    emit(options, list, () =>
      table(
        ["#", "ENVIRONMENT", "TIER", "TARGET", "APPROVALS", "WINDOWS", "STRATEGY"],
        platform.ladder.map((n) => {
          const e = platform.environments[n]!;
          const label = e.aliases.length ? `${e.name} (${e.aliases.join(", ")})` : e.name;
          return [
            e.position,
            label,
            e.tier,
            e.target,
            approvalsText(e.approvals),
            windowsText(e.windows),
            strategyText(e.strategy),
          ];
        }),
      ),
    );
    return 0;
  }
  const env = findEnvironment(platform, name);
  const nowMs = options.at === undefined ? Date.now() : parseAt(options.at);
  const detail = environmentDetail(platform, env, nowMs);
  emit(options, detail, () => detailText(env, detail));
  return 0;
}

function parseAt(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new UsageError(`--at expects a date-time such as 2026-11-20T11:59:00-05:00, got "${text}"`);
  return ms;
}

type Detail = EnvironmentDetail;

function detailText(env: Environment, d: Detail): string {
  const w = d.window;
  const windowLine = w.open
    ? `open now${w.closesAt ? `, closes ${w.closesAt.local} (${w.closesAt.utc})` : " (no windows)"}`
    : `closed now (${w.reason})${w.nextOpening ? `; opens ${w.nextOpening.local} (${w.nextOpening.utc})` : "; no opening in the next year"}`;
  const lines: [string, string][] = [
    ["environment", `${env.name}${env.aliases.length ? ` (aliases: ${env.aliases.join(", ")})` : ""}`],
    [
      "ladder",
      `rung ${d.ladder.position} of ${d.ladder.of}: ${env.from ?? "(first)"} → ${env.name} → ${d.ladder.next.join(", ") || "(last)"}`,
    ],
    ["tier", env.tier],
    ["purpose", env.purpose ?? "-"],
    ["target", `${env.target}${env.cluster ? ` cluster ${env.cluster}` : ""} namespace ${env.namespace}`],
    ["replicas", `${env.replicas.min}-${env.replicas.max}`],
    ["strategy", strategyText(env.strategy)],
    ["approvals", approvalsText(env.approvals)],
    ["windows", windowsText(env.windows)],
    ["window", windowLine],
    ["lock", env.lock],
    ["tests", env.tests.map((t) => `${t.name} (${t.kind})`).join(", ") || "none"],
    ["skip tests", env.allowSkipTests ? "allowed" : "refused"],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
