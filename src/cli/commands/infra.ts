/**
 * The `infra` commands: each starts an infra run through POST /v1/runs, or reads /v1/infra. The
 * server checks names, confirmations and gates; here only what the command line got wrong is a usage error.
 */
import type { InfraEnvironmentStatus } from "../../engine/infra-status.js";
import type { Json, RunView } from "../../engine/types.js";
import { UsageError } from "../../errors.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";
import { followToEnd } from "./run.js";
import { isKind } from "../../kind.js";

export interface InfraRunOptions extends ClientOptions {
  wait?: boolean;
}
export interface ApplyInfraOptions extends InfraRunOptions {
  plan?: string;
}
export interface PromoteInfraOptions extends InfraRunOptions {
  start: string;
  stop: string;
}
export interface DestroyInfraOptions extends InfraRunOptions {
  confirm?: string;
  reason?: string;
}
export interface UnlockOptions extends ClientOptions {
  lockId: string;
  reason: string;
}

function describe(run: RunView): string {
  const action = typeof run.request.params.action === "string" ? run.request.params.action : "";
  const stop = typeof run.request.params.stop === "string" ? run.request.params.stop : run.environment;
  const where = action === "promote" ? `from ${run.environment} to ${stop}` : `of ${run.environment}`;
  const gates = run.stages
    .flatMap((s) => s.steps)
    .filter((s) => isKind(s, "infra-approval"))
    .map((s) => s.title);
  const waits = gates.length ? `\ngates: ${gates.join("; ")}` : "";
  return `run ${run.id} ${run.status}: infra ${action} ${where}${waits}\nfollow it with: quikship run ${run.id} --follow; why it waits: quikship explain ${run.id}`;
}

async function start(environment: string, params: { [key: string]: Json }, options: InfraRunOptions): Promise<number> {
  const client = clientFor(options);
  const run = await client.post<RunView>("/v1/runs", { kind: "infra", environment, params });
  if (options.wait) return followToEnd(client, run.id, options);
  emit(options, run, describe);
  return 0;
}

export const infraPlan = (env: string, o: InfraRunOptions): Promise<number> => start(env, { action: "plan" }, o);
export const infraApply = (env: string, o: ApplyInfraOptions): Promise<number> =>
  start(env, o.plan === undefined ? { action: "apply" } : { action: "apply", plan: o.plan }, o);
export const infraDrift = (env: string, o: InfraRunOptions): Promise<number> => start(env, { action: "drift" }, o);
export const infraPromote = (o: PromoteInfraOptions): Promise<number> =>
  start(o.start, { action: "promote", stop: o.stop }, o);

export function infraDestroy(env: string, o: DestroyInfraOptions): Promise<number> {
  if (o.confirm === undefined)
    throw new UsageError(`infra destroy needs --confirm ${env} (the environment typed back)`);
  const params: { [key: string]: Json } = { action: "destroy", confirm: o.confirm };
  if (o.reason !== undefined) params.emergency = { reason: o.reason };
  return start(env, params, o);
}

function statusText(rows: InfraEnvironmentStatus[]): string {
  const drift = (s: InfraEnvironmentStatus): string =>
    s.drift.status === "drifted"
      ? `drifted: ${[...s.drift.resources.map((r) => r.address), ...s.drift.outputs.map((o) => `output.${o.name}`)].join(", ")}`
      : s.drift.status;
  return table(
    ["ENVIRONMENT", "LAST APPLY", "DRIFT", "UNDER WAY"],
    rows.map((s) => [
      s.environment,
      s.lastApply ? `${new Date(s.lastApply.at).toISOString()} (${s.lastApply.run})` : "never",
      drift(s),
      s.active.map((a) => `${a.action} ${a.run} ${a.status}${a.waiting ? `: ${a.waiting}` : ""}`).join("; ") || "-",
    ]),
  );
}

export async function infraStatus(o: ClientOptions): Promise<number> {
  const rows = await clientFor(o).get<InfraEnvironmentStatus[]>("/v1/infra/status");
  emit(o, rows, statusText);
  return 0;
}

interface OutputsView {
  environment: string;
  run: string | null;
  outputs: Record<string, { sensitive: boolean; value?: unknown }>;
}

export async function infraOutputs(env: string, o: ClientOptions): Promise<number> {
  const view = await clientFor(o).get<OutputsView>(`/v1/infra/${encodeURIComponent(env)}/outputs`);
  emit(o, view, (v) =>
    v.run === null
      ? `${v.environment} has no successful apply yet`
      : table(
          ["OUTPUT", "VALUE"],
          Object.entries(v.outputs).map(([name, out]) => [
            name,
            out.sensitive ? "(sensitive, not stored)" : JSON.stringify(out.value),
          ]),
        ),
  );
  return 0;
}

export async function infraUnlock(env: string, o: UnlockOptions): Promise<number> {
  const result = await clientFor(o).post<{ environment: string; lockId: string }>(
    `/v1/infra/${encodeURIComponent(env)}/unlock`,
    { lockId: o.lockId, reason: o.reason },
  );
  emit(o, result, (r) => `released terraform lock ${r.lockId} of ${r.environment}`);
  return 0;
}
