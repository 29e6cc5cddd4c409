import { unknownNameHint } from "../suggest.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** Every name used as a reference names something defined. */
export function referencesResolve(ctx: RuleContext): void {
  const { written } = ctx;
  const stacks = Object.keys(written.stacks ?? {});
  const services = Object.keys(written.services ?? {});
  const environments = Object.keys(written.environments ?? {});
  const aliases = Object.values(written.environments ?? {}).flatMap((e) => e.aliases);
  const groups = Object.keys(written.groups ?? {});
  const users = Object.keys(written.users ?? {});
  const plans = Object.keys(written.analysis?.canaryPlans ?? {});

  // `top` is where the named thing is defined: a name the schema rejected there is not unknown.
  const check = (
    path: (string | number)[],
    name: string,
    known: string[],
    what: string,
    top: string,
    pointAtKey = false,
  ): void => {
    if (!known.includes(name) && !ctx.rejected(top, name))
      ctx.error(path, `unknown ${what} "${name}"${unknownNameHint(name, known)}`, pointAtKey);
  };

  for (const [name, service] of entries(written.services)) {
    check(["services", name, "stack"], service.stack, stacks, "stack", "stacks");
    service.dependsOn.forEach((dep, i) =>
      check(["services", name, "dependsOn", i], dep, services, "service", "services"),
    );
    service.kubernetes?.allowFrom?.forEach((from, i) =>
      check(["services", name, "kubernetes", "allowFrom", i], from, services, "service", "services"),
    );
    if (service.strategy?.type === "canary" && service.strategy.plan !== undefined)
      check(["services", name, "strategy", "plan"], service.strategy.plan, plans, "canary plan", "analysis");
  }
  for (const [name, env] of entries(written.environments)) {
    if (env.from !== undefined)
      check(["environments", name, "from"], env.from, environments, "environment", "environments");
    env.approvals?.groups.forEach((g, i) =>
      check(["environments", name, "approvals", "groups", i], g, groups, "group", "groups"),
    );
    if (env.strategy?.type === "canary" && env.strategy.plan !== undefined)
      check(["environments", name, "strategy", "plan"], env.strategy.plan, plans, "canary plan", "analysis");
  }
  for (const [name, group] of entries(written.groups)) {
    group.members.forEach((m, i) => check(["groups", name, "members", i], m, users, "user", "users"));
  }
  for (const [name, vg] of entries(written.variableGroups)) {
    vg.environments?.forEach((e, i) =>
      check(
        ["variableGroups", name, "environments", i],
        e,
        [...environments, ...aliases],
        "environment",
        "environments",
      ),
    );
    vg.stacks?.forEach((s, i) => check(["variableGroups", name, "stacks", i], s, stacks, "stack", "stacks"));
  }
  for (const [name, tf] of entries(written.terraform?.environments)) {
    check(
      ["terraform", "environments", name],
      name,
      [...environments, ...aliases],
      "environment",
      "environments",
      true,
    );
    tf.approvals?.groups.forEach((g, i) =>
      check(["terraform", "environments", name, "approvals", "groups", i], g, groups, "group", "groups"),
    );
    tf.destroyApprovals?.groups.forEach((g, i) =>
      check(["terraform", "environments", name, "destroyApprovals", "groups", i], g, groups, "group", "groups"),
    );
  }
}

/** Aliases name no environment and no other alias. */
export function aliasesAreUnique(ctx: RuleContext): void {
  const seen = new Map<string, string>();
  for (const [name, env] of entries(ctx.written.environments)) {
    env.aliases.forEach((alias, i) => {
      const path = ["environments", name, "aliases", i];
      if (Object.hasOwn(ctx.written.environments ?? {}, alias))
        ctx.error(path, `alias "${alias}" is already the name of an environment; remove it from aliases`);
      else if (seen.has(alias))
        ctx.error(path, `alias "${alias}" is also an alias of environment "${seen.get(alias)}"; keep it on one`);
      else seen.set(alias, name);
    });
  }
}

/** The root file says which format and which platform it is. */
export function rootIsComplete(ctx: RuleContext): void {
  if (ctx.written.version === undefined) ctx.error(["version"], 'missing "version: 1" in the root platform file');
  if (ctx.written.name === undefined)
    ctx.error(
      ["name"],
      'missing "name:" in the root platform file; add name: followed by a lower-case name such as "shop"',
    );
  if (Object.keys(ctx.written.environments ?? {}).length === 0 && !ctx.rejected("environments")) {
    ctx.error(
      ["environments"],
      "the platform defines no environments; add environments: with at least one environment",
    );
  }
}
