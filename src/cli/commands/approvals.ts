/** What waits for my approval, and deciding on it: GET /v1/approvals, POST /v1/runs/{id}/approve|reject. */
import type { DecidedRun, PendingApprovalView } from "../../api/promotion-schemas.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";

export interface DecideOptions extends ClientOptions {
  env?: string;
  group?: string;
  comment?: string;
}

export function approvalsText(list: PendingApprovalView[]): string {
  if (list.length === 0) return "nothing waits for approval";
  return table(
    ["RUN", "KIND", "ENVIRONMENT", "REQUESTED BY", "WAITING FOR", "YOU"],
    list.map((p) => [
      p.run.id,
      p.run.kind,
      p.environment,
      p.run.actor,
      p.waitingFor.join(", "),
      p.mayApprove ? `you may approve ${p.why}` : `not you: ${p.why}`,
    ]),
  );
}

export async function approvals(options: ClientOptions): Promise<number> {
  emit(options, await clientFor(options).get<PendingApprovalView[]>("/v1/approvals"), approvalsText);
  return 0;
}

function decidedText(run: DecidedRun): string {
  const d = run.decision;
  const verb = d.decision === "approve" ? "approved" : "rejected";
  const next =
    d.decision === "approve"
      ? `it goes on once its gates allow; see \`quikship explain ${run.id}\``
      : "it fails with your comment";
  return `${verb} run ${run.id} for ${d.environment} as ${d.group}${d.comment ? `: ${d.comment}` : ""}\n${next}`;
}

async function decide(id: string, decision: "approve" | "reject", options: DecideOptions): Promise<number> {
  const body = { environment: options.env, group: options.group, comment: options.comment };
  const run = await clientFor(options).post<DecidedRun>(`/v1/runs/${encodeURIComponent(id)}/${decision}`, body);
  emit(options, run, decidedText);
  return 0;
}

export function approve(id: string, options: DecideOptions): Promise<number> {
  return decide(id, "approve", options);
}

export function reject(id: string, options: DecideOptions & { comment: string }): Promise<number> {
  return decide(id, "reject", options);
}
