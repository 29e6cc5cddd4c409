/**
 * Who may do what, where: pure decisions over a platform's permissions. The API's permission
 * hook, `quikship can` and the engine's re-check of waiting runs all ask here.
 */
import { EVERYONE, PERMISSION_ACTIONS } from "../config/schema/permissions.js";
import type { PermissionAction } from "../config/schema/permissions.js";
import type { Platform } from "../config/types.js";
import type { RunKind } from "../engine/types.js";
import { findEnvironment } from "../platform/lookup.js";

export { EVERYONE, PERMISSION_ACTIONS };
export type { PermissionAction };

/** Who asks: a user (or service token) and the platform groups they are in. */
export interface Actor {
  user: string;
  groups: readonly string[];
}

export type PermissionDecision =
  | { allowed: true; action: PermissionAction; environment: string; group: string; why: string }
  | { allowed: false; action: PermissionAction; environment: string; allowedGroups: string[]; why: string };

/** The action a run of this kind needs in its environment. */
export function actionOfRun(kind: RunKind): PermissionAction {
  switch (kind) {
    case "promote":
      return "promote";
    case "rollback":
      return "rollback";
    case "restart":
      return "restart";
    case "scale":
      return "scale";
    case "deploy":
    case "script":
    case "noop":
    case "expire-standby": // the end of a blue-green deploy: its standby stopped
      return "deploy";
    case "infra":
      return "infra";
    // The API also asks that its submitter be an administrator, as `registry prune` does.
    case "registry-prune":
      return "deploy";
  }
}

export function isPermissionAction(name: string): name is PermissionAction {
  return (PERMISSION_ACTIONS as readonly string[]).includes(name);
}

/** Whether the actor may take the action in the environment (a name or alias), and why. */
export function decide(
  platform: Platform,
  actor: Actor,
  action: PermissionAction,
  envName: string,
): PermissionDecision {
  const env = findEnvironment(platform, envName);
  const allowedGroups = env.permissions[action];
  const environment = env.name;
  if (allowedGroups.includes(EVERYONE)) {
    const why = platform.permissionsDeclared
      ? `"${EVERYONE}" may ${action} in ${environment}`
      : `the platform declares no permissions, so every signed-in user may ${action} in ${environment}`;
    return { allowed: true, action, environment, group: EVERYONE, why };
  }
  const group = allowedGroups.find((g) => actor.groups.includes(g));
  if (group !== undefined)
    return {
      allowed: true,
      action,
      environment,
      group,
      why: `${actor.user} is in "${group}", which may ${action} in ${environment}`,
    };
  const holders =
    allowedGroups.length === 0 ? "nobody may" : `only ${allowedGroups.map((g) => `"${g}"`).join(", ")} may`;
  const mine = actor.groups.length === 0 ? "in no group" : `in ${actor.groups.map((g) => `"${g}"`).join(", ")}`;
  return {
    allowed: false,
    action,
    environment,
    allowedGroups,
    why: `${actor.user} (${mine}) may not ${action} in ${environment}: ${holders} ${action} there`,
  };
}

/** Every action and whether the actor may take it in the environment. */
export function decideAll(platform: Platform, actor: Actor, envName: string): PermissionDecision[] {
  return PERMISSION_ACTIONS.map((a) => decide(platform, actor, a, envName));
}

/** A short text of an environment's permissions, e.g. for `quikship envs`: "deploy: Developers; ...". */
export function accessSummary(permissions: Record<PermissionAction, string[]>): string {
  return PERMISSION_ACTIONS.map(
    (a) => `${a}: ${permissions[a].length === 0 ? "nobody" : permissions[a].join(", ")}`,
  ).join("; ");
}
