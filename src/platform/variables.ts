import type { Environment, Operation, Platform, Service, VariableGroup, VariableValue } from "../config/types.js";

export const MASK = "********";

export type EffectiveVariable =
  | { name: string; source: string; secret: false; value: string | number | boolean; overrides: string[] }
  | { name: string; source: string; secret: true; reference: string; overrides: string[] };

/**
 * Precedence, lowest first: global < terraform/ci groups without a scope < tier < stack (and ci
 * groups scoped to stacks) < environment (and terraform groups scoped to environments) < the
 * service's own variables. Within one rank, later groups in the file win.
 */
function rank(group: VariableGroup): number {
  switch (group.kind) {
    case "global":
      return 0;
    case "tier":
      return 2;
    case "stack":
      return 3;
    case "environment":
      return 4;
    case "ci":
      return group.stacks.length > 0 ? 3 : 1;
    case "terraform":
      return group.environments.length > 0 ? 4 : 1;
  }
}

function applies(group: VariableGroup, env: Environment, service: Service | undefined, operation: Operation): boolean {
  if (!group.readers.includes(operation)) return false;
  const envNames = [env.name, ...env.aliases];
  switch (group.kind) {
    case "global":
      return true;
    case "tier":
      return group.tiers.includes(env.tier);
    case "stack":
      return service !== undefined && group.stacks.includes(service.stack);
    case "environment":
      return group.environments.some((e) => envNames.includes(e));
    case "ci":
      return group.stacks.length === 0 || (service !== undefined && group.stacks.includes(service.stack));
    case "terraform":
      return group.environments.length === 0 || group.environments.some((e) => envNames.includes(e));
  }
}

/** The groups an operation may read for an environment (and service), lowest precedence first. */
export function applicableGroups(
  platform: Platform,
  env: Environment,
  service: Service | undefined,
  operation: Operation,
): VariableGroup[] {
  return Object.values(platform.variableGroups)
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => applies(group, env, service, operation))
    .sort((a, b) => rank(a.group) - rank(b.group) || a.index - b.index)
    .map(({ group }) => group);
}

/** Every variable an operation sees in an environment, with the group it came from. Secrets stay references. */
export function effectiveVariables(
  platform: Platform,
  env: Environment,
  options: { service?: Service | undefined; operation?: Operation } = {},
): EffectiveVariable[] {
  const operation = options.operation ?? "deploy";
  const layers: { source: string; variables: Record<string, VariableValue> }[] = applicableGroups(
    platform,
    env,
    options.service,
    operation,
  ).map((g) => ({ source: g.name, variables: g.variables }));
  if (options.service && operation === "deploy")
    layers.push({ source: `service ${options.service.name}`, variables: options.service.variables });

  const merged = new Map<string, { source: string; value: VariableValue; overrides: string[] }>();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer.variables)) {
      const previous = merged.get(name);
      merged.set(name, {
        source: layer.source,
        value,
        overrides: previous ? [...previous.overrides, previous.source] : [],
      });
    }
  }
  const builtins: Record<string, string> = { environment: env.name, service: options.service?.name ?? "" };
  const lookup = (name: string): string | undefined => {
    const v = merged.get(name)?.value;
    if (v === undefined) return builtins[name] || undefined;
    // A secret has no plain text to substitute.
    return "value" in v ? String(v.value) : undefined;
  };
  return [...merged.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { source, value, overrides }]): EffectiveVariable =>
      "ref" in value
        ? { name, source, secret: true, reference: value.ref, overrides }
        : { name, source, secret: false, value: interpolate(value.value, lookup), overrides },
    );
}

/** "$(environment)" → the plain variable of that name; secrets are never substituted into plain text. */
function interpolate(
  value: string | number | boolean,
  lookup: (name: string) => string | undefined,
): string | number | boolean {
  if (typeof value !== "string") return value;
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => lookup(name) ?? whole);
}
