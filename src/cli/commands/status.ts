import type { EnvironmentStatusView, ServiceStatusView, StatusView } from "../../api/service-schemas.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { colors, emit, shortDigest, table } from "../output.js";

function note(s: ServiceStatusView): string {
  const parts: string[] = [];
  if (s.rolloutInProgress)
    parts.push(`${s.rolloutInProgress.kind} ${s.rolloutInProgress.runId} ${s.rolloutInProgress.status}`);
  if (s.message) parts.push(s.message);
  return parts.join("; ") || "-";
}

function readyText(s: ServiceStatusView): string {
  if (s.desired === null || s.ready === null) return "?";
  return s.revision === null && s.desired === 0 ? "-" : `${s.ready}/${s.desired}`;
}

function environmentText(e: EnvironmentStatusView): string {
  const header = colors.bold(`${e.environment}`) + ` (${e.target} target${e.router ? `, router ${e.router.url}` : ""})`;
  const rows = e.services.map((s) => [
    s.service,
    s.tag ?? "-",
    shortDigest(s.digest),
    s.revision ?? "-",
    readyText(s),
    s.health,
    note(s),
  ]);
  const body = table(["SERVICE", "TAG", "DIGEST", "REV", "READY", "HEALTH", "NOTE"], rows);
  return [header, ...body.split("\n").map((line) => `  ${line}`)].join("\n");
}

/** The environment × service matrix: one line per service, under a header line per environment. */
export async function status(environment: string | undefined, options: ClientOptions): Promise<number> {
  const view = await clientFor(options).get<StatusView>("/v1/status", { environment });
  emit(options, view, (v) => v.environments.map(environmentText).join("\n\n"));
  return 0;
}
