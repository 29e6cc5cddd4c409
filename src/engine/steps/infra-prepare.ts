import type { Platform } from "../../config/types.js";
import { InputError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import { terraformEntry } from "../../platform/terraform.js";
import type { Diagnostic } from "../../infra/terraform/diagnostics.js";
import { checkVersion } from "../../infra/terraform/version.js";
import { type EnvWorkspace, type InfraSettings, envWorkspace } from "../../infra/workspace.js";
import type { TypedStepContext } from "./contract.js";
import type { InfraParams, InfraState } from "./infra-schemas.js";
import { isKind } from "../../kind.js";

type Ctx = TypedStepContext<InfraState>;

/** What every operation starts with: the environment's working copy, the binary's version checked, init done. */
export interface Prepared {
  workspace: EnvWorkspace;
  environment: string;
  common: { environment: string; revision: string; terraformVersion: string; versionWarning: string | null };
}

export function workspaceOf(settings: InfraSettings, ctx: Ctx, p: InfraParams): { ws: EnvWorkspace; env: string } {
  const env = findEnvironment(ctx.platform, p.environment);
  const entry = terraformEntry(ctx.platform, env);
  if (!entry) throw new InputError(`${env.name} has no entry under terraform.environments`);
  const ws = envWorkspace(
    settings,
    ctx.platform,
    // A saved plan of an earlier run is applied in that run's working copy, where terraform planned it.
    {
      runId: p.operation === "apply" && p.saved ? p.saved.run : ctx.runId,
      environment: env.name,
      revision: p.revision,
    },
    entry.variables,
  );
  return { ws, env: env.name };
}

async function versionOf(platform: Platform, ws: EnvWorkspace, log: (l: string) => Promise<void>) {
  const { version } = await ws.terraform.version();
  const check = checkVersion(platform.terraform?.version, version, platform.terraform?.strict ?? false);
  const versionWarning = check.outcome === "mismatch" ? check.message : null;
  if (versionWarning) await log(`warning: ${versionWarning}`);
  return { terraformVersion: version, versionWarning };
}

export async function prepare(settings: InfraSettings, ctx: Ctx, p: InfraParams, init: boolean): Promise<Prepared> {
  const { ws, env } = workspaceOf(settings, ctx, p);
  const version = await versionOf(ctx.platform, ws, (l) => ctx.log(l));
  if (init) {
    await ctx.log(
      `terraform init of ${env} (${isKind(ws.backend, "local") ? "local state" : "the platform's backend"})`,
    );
    await ws.terraform.init(ws.backend, { signal: ctx.signal });
  }
  return { workspace: ws, environment: env, common: { environment: env, revision: p.revision, ...version } };
}

export const warningsOf = (diagnostics: readonly Diagnostic[]) =>
  diagnostics
    .filter((d) => d.severity === "warning")
    .map((d) => ({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail,
      ...(d.address ? { address: d.address } : {}),
      ...(d.location ? { location: d.location } : {}),
    }));
