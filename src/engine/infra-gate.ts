import type { Approvals, Platform } from "../config/types.js";
import { normalizeApprovals } from "../config/normalize.js";
import { EVERYONE } from "../config/schema/permissions.js";
import { findEnvironment } from "../platform/lookup.js";
import { terraformEntry } from "../platform/terraform.js";
import { isKind } from "../kind.js";

/** A day: how long an infra approval without configured approvals waits. */
const DEFAULT_TIMEOUT_MS = 86_400_000;

/**
 * The approval an infra run waits for at an environment: the terraform entry's `approvals` (or
 * `destroyApprovals` for a destroy), else anyone allowed to run infra there. Pure.
 */
export function infraGate(platform: Platform, environment: string, purpose: "apply" | "destroy"): Approvals {
  const env = findEnvironment(platform, environment);
  const entry = terraformEntry(platform, env);
  const configured = purpose === "destroy" ? entry?.destroyApprovals : entry?.approvals;
  if (configured) return normalizeApprovals(configured);
  const allowed = env.permissions.infra.filter((g) => g !== EVERYONE);
  const groups = allowed.length > 0 ? allowed : Object.keys(platform.groups);
  return { groups, policy: { kind: "any" }, timeoutMs: DEFAULT_TIMEOUT_MS, preventSelfApproval: false };
}

/** The gate a run waits for at an environment: an infra run's terraform approvals, any other run's environment approvals. */
export function approvalGateOf(
  platform: Platform,
  run: { kind: string; request: { params: Record<string, unknown> } },
  environment: string,
): Approvals | undefined {
  if (!isKind(run, "infra")) return platform.environments[environment]?.approvals;
  return infraGate(platform, environment, run.request.params.action === "destroy" ? "destroy" : "apply");
}
