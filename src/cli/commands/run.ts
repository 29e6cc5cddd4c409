import type { RunView } from "../../engine/types.js";
import type { ApiClient } from "../client.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { followRun } from "../follow/follow.js";
import { colorStatus, finalLine, PlainProgress, shownStatus } from "../follow/plain.js";
import type { Progress } from "../follow/progress.js";
import { silentProgress } from "../follow/progress.js";
import { colors, emit, printJson } from "../output.js";
import { pinnedImageLines } from "../pinned-images.js";
import { testResultLines } from "../test-results.js";
import { securityLines } from "../security-results.js";
import { pruneResultLines } from "../prune-results.js";

/** listr2 spinners on a terminal, plain lines elsewhere, nothing but the final JSON with --output json. */
async function progressFor(options: ClientOptions): Promise<Progress> {
  if (options.output === "json") return silentProgress;
  if (process.stdout.isTTY) return new (await import("../follow/tasks.js")).TaskProgress();
  return new PlainProgress();
}

export function runText(run: RunView): string {
  const lines = [
    `run ${run.id}: ${run.kind} in ${run.environment}${run.services.length ? ` of ${run.services.join(", ")}` : ""} by ${run.actor}`,
    `status ${colorStatus(run.status)}${run.waitReason ? ` (${run.waitReason.kind}: ${run.waitReason.message})` : ""}`,
    `created ${timeText(run.createdAt)}, started ${timeText(run.startedAt)}, finished ${timeText(run.finishedAt)}`,
  ];
  if (run.error) lines.push(colors.red(`error: ${run.error.message}`));
  for (const stage of run.stages) {
    lines.push(colors.bold(stage.title));
    for (const step of stage.steps) {
      const attempts = step.attempts > 1 ? ` (${step.attempts} attempts)` : "";
      const status = shownStatus(step, run);
      lines.push(
        `  ${colorStatus(status)}${" ".repeat(Math.max(0, 9 - status.length))}  ${step.title}${attempts}${step.error ? `: ${step.error.message}` : ""}`,
        ...testResultLines(step, " ".repeat(13)),
        ...pinnedImageLines(step, " ".repeat(13)),
        ...securityLines(step, " ".repeat(13)),
        ...pruneResultLines(step, " ".repeat(13)),
      );
    }
  }
  return lines.join("\n");
}

/** Shows a run; with --follow, its progress until it ends: exit 1 when it failed or was cancelled. */
export async function run(id: string, options: ClientOptions & { follow?: boolean }): Promise<number> {
  const client = clientFor(options);
  if (!options.follow) {
    emit(options, await client.get<RunView>(`/v1/runs/${encodeURIComponent(id)}`), runText);
    return 0;
  }
  return followToEnd(client, id, options);
}

/** Follows a run until it ends, then prints it (JSON: the final run): 0 when it succeeded, 1 when it failed or was cancelled. */
export async function followToEnd(client: ApiClient, id: string, options: ClientOptions): Promise<number> {
  const progress = await progressFor(options);
  const final = await followRun(client, id, progress);
  if (options.output === "json") printJson(final);
  // Plain progress ends with the run's last line itself; after spinners, say how it ended.
  else if (!(progress instanceof PlainProgress)) process.stdout.write(`${finalLine(final)}\n`);
  return final.status === "succeeded" ? 0 : 1;
}
