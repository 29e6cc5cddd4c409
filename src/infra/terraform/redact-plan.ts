import type { PlanJson } from "./plan-json.js";
import { REDACTED, SecretSet, redactChange, redactValues } from "./redact.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface RedactedPlan {
  /** The plan with every sensitive value replaced, and every other string scrubbed of them. */
  plan: PlanJson;
  /** The values removed: to scrub logs and events of the same run. Keep in memory only. */
  secrets: SecretSet;
}

/**
 * The literal values inside a configuration expression (`constant_value`, at any depth), not its
 * `references`: those are addresses (`terraform_data.acr.id`), which are no secret and must stay readable.
 */
function constantValues(expression: unknown): unknown[] {
  if (Array.isArray(expression)) return expression.flatMap(constantValues);
  if (!isObj(expression)) return [];
  if ("constant_value" in expression) return [expression.constant_value];
  return Object.entries(expression).flatMap(([key, v]) => (key === "references" ? [] : constantValues(v)));
}

/** A configuration module with sensitive variables' defaults and sensitive outputs' expressions removed, recursively. */
function redactConfigModule(module: Obj, secrets: SecretSet): Obj {
  const out: Obj = { ...module };
  if (isObj(module.variables))
    out.variables = Object.fromEntries(
      Object.entries(module.variables).map(([name, v]) => {
        if (!isObj(v) || v.sensitive !== true || !("default" in v)) return [name, v];
        secrets.addFrom(v.default);
        return [name, { ...v, default: REDACTED }];
      }),
    );
  if (isObj(module.outputs))
    out.outputs = Object.fromEntries(
      Object.entries(module.outputs).map(([name, o]) => {
        if (!isObj(o) || o.sensitive !== true || !("expression" in o)) return [name, o];
        secrets.addFrom(constantValues(o.expression));
        return [name, { ...o, expression: REDACTED }];
      }),
    );
  if (isObj(module.module_calls))
    out.module_calls = Object.fromEntries(
      Object.entries(module.module_calls).map(([name, call]) => [
        name,
        isObj(call) && isObj(call.module) ? { ...call, module: redactConfigModule(call.module, secrets) } : call,
      ]),
    );
  return out;
}

function sensitiveRootVariables(plan: PlanJson): Set<string> {
  const root = isObj(plan.configuration) ? plan.configuration.root_module : undefined;
  const variables = isObj(root) && isObj(root.variables) ? root.variables : {};
  return new Set(Object.entries(variables).flatMap(([name, v]) => (isObj(v) && v.sensitive === true ? [name] : [])));
}

function redactVariables(plan: PlanJson, secrets: SecretSet): PlanJson["variables"] {
  if (!plan.variables) return plan.variables;
  const sensitive = sensitiveRootVariables(plan);
  return Object.fromEntries(
    Object.entries(plan.variables).map(([name, v]) => {
      if (!sensitive.has(name) || !("value" in v)) return [name, v];
      secrets.addFrom(v.value);
      return [name, { ...v, value: REDACTED }];
    }),
  );
}

function redactChanges<T>(changes: T[] | undefined, secrets: SecretSet): T[] | undefined {
  return changes?.map((rc) => {
    const r = rc as Obj;
    return { ...r, change: redactChange(r.change, secrets) } as T;
  });
}

/**
 * `terraform show -json PLANFILE` made safe to store: see redact.ts for what is replaced. The same
 * secret set can be given again (`secrets`) so one run's plan, logs and outputs share it.
 */
export function redactPlan(plan: PlanJson, secrets = new SecretSet()): RedactedPlan {
  const marked: Obj = {
    ...plan,
    variables: redactVariables(plan, secrets),
    resource_changes: redactChanges(plan.resource_changes, secrets),
    resource_drift: redactChanges(plan.resource_drift, secrets),
    output_changes:
      plan.output_changes &&
      Object.fromEntries(Object.entries(plan.output_changes).map(([k, c]) => [k, redactChange(c, secrets)])),
    planned_values: redactValues(plan.planned_values, secrets),
    prior_state: isObj(plan.prior_state)
      ? { ...plan.prior_state, values: redactValues(plan.prior_state.values, secrets) }
      : plan.prior_state,
    configuration:
      isObj(plan.configuration) && isObj(plan.configuration.root_module)
        ? { ...plan.configuration, root_module: redactConfigModule(plan.configuration.root_module, secrets) }
        : plan.configuration,
  };
  for (const key of Object.keys(marked)) if (marked[key] === undefined) delete marked[key];
  return { plan: secrets.scrubDeep(marked) as PlanJson, secrets };
}
