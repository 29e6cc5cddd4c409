import type { PlanJson, ResourceChangeJson } from "./plan-json.js";

/** What a plan does to one resource, from terraform's `actions` list. */
export const RESOURCE_ACTIONS = ["create", "update", "replace", "delete", "read", "forget", "import", "move"] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

export interface ResourceChange {
  address: string;
  action: ResourceAction;
  /** Why terraform chose it (e.g. `replace_because_cannot_update`), when it says. */
  reason?: string;
  /** The address before a `moved` block, when it moves. */
  previousAddress?: string;
}

export interface OutputChange {
  name: string;
  action: "create" | "update" | "delete";
  sensitive: boolean;
}

export interface PlanSummary {
  /** Counted as terraform does: a replacement is one add and one destroy. */
  add: number;
  change: number;
  destroy: number;
  import: number;
  /** Resources the plan acts on, in terraform's order; no-ops left out. */
  resources: ResourceChange[];
  outputs: OutputChange[];
  /** Resources changed outside terraform since the last apply, as this plan's refresh found them. */
  drift: ResourceChange[];
  /** Whether applying would change anything (resources or outputs). */
  hasChanges: boolean;
  /** True when terraform could not finish the plan (`errored`): the summary is partial. */
  errored: boolean;
}

/** terraform's `actions` list as one action; null for a no-op that neither moves nor imports. */
export function actionOf(rc: ResourceChangeJson): ResourceAction | null {
  const actions = rc.change.actions.join(",");
  switch (actions) {
    case "create":
    case "update":
    case "delete":
    case "read":
    case "forget":
      return actions;
    case "delete,create":
    case "create,delete":
    case "create,forget":
      return "replace";
    case "no-op":
      if (rc.change.importing) return "import";
      return rc.previous_address && rc.previous_address !== rc.address ? "move" : null;
    default:
      return "update";
  }
}

function toChanges(list: ResourceChangeJson[] | undefined): ResourceChange[] {
  return (list ?? []).flatMap((rc) => {
    const action = actionOf(rc);
    if (action === null) return [];
    const change: ResourceChange = { address: rc.address, action };
    if (rc.action_reason !== undefined) change.reason = rc.action_reason;
    if (rc.previous_address !== undefined && rc.previous_address !== rc.address)
      change.previousAddress = rc.previous_address;
    return [change];
  });
}

function outputChanges(plan: PlanJson): OutputChange[] {
  return Object.entries(plan.output_changes ?? {}).flatMap(([name, c]): OutputChange[] => {
    const action = c.actions.join(",");
    const sensitive = c.before_sensitive === true || c.after_sensitive === true;
    if (action === "create" || action === "update" || action === "delete") return [{ name, action, sensitive }];
    return action === "delete,create" || action === "create,delete" ? [{ name, action: "update", sensitive }] : [];
  });
}

export function summarizePlan(plan: PlanJson): PlanSummary {
  const resources = toChanges(plan.resource_changes);
  const count = (...actions: ResourceAction[]): number => resources.filter((r) => actions.includes(r.action)).length;
  const outputs = outputChanges(plan);
  const acting = resources.filter((r) => r.action !== "read");
  return {
    add: count("create", "replace"),
    change: count("update"),
    destroy: count("delete", "replace"),
    import:
      count("import") +
      (plan.resource_changes ?? []).filter((rc) => rc.change.importing && actionOf(rc) !== "import").length,
    resources,
    outputs,
    drift: toChanges(plan.resource_drift),
    hasChanges: acting.length > 0 || outputs.length > 0,
    errored: plan.errored,
  };
}

/** What a refresh-only plan found: the environment matches its state, or what differs. */
export type DriftReport =
  { status: "up-to-date" } | { status: "drifted"; resources: ResourceChange[]; outputs: OutputChange[] };

/**
 * A refresh-only plan read as drift. Resources changed outside terraform are in `resource_drift`
 * (and, in refresh-only mode, may be listed in `resource_changes` as the updates the refresh would
 * write); root outputs whose values now differ are in `output_changes`. Unapplied code changes never
 * show here: refresh-only plans do not compare the configuration.
 */
export function driftOf(plan: PlanJson): DriftReport {
  const seen = new Set<string>();
  const resources = [...toChanges(plan.resource_drift), ...toChanges(plan.resource_changes)].filter((r) =>
    seen.has(r.address) ? false : (seen.add(r.address), true),
  );
  const outputs = outputChanges(plan);
  return resources.length === 0 && outputs.length === 0
    ? { status: "up-to-date" }
    : { status: "drifted", resources, outputs };
}
