import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** Fields that depend on each other: replicas, approval minimums, triggers, variable group scopes, ports. */
export function fieldsAgree(ctx: RuleContext): void {
  const { written } = ctx;
  const routerPorts = new Map<number, string>();
  for (const [tier, defaults] of entries(written.tiers)) {
    if (defaults.replicas && defaults.replicas.min > defaults.replicas.max) ctx.error(["tiers", tier, "replicas", "min"], "min replicas is above max");
  }
  for (const [name, env] of entries(written.environments)) {
    const base = ["environments", name];
    if (env.replicas && env.replicas.min > env.replicas.max) ctx.error([...base, "replicas", "min"], `min replicas (${env.replicas.min}) is above max (${env.replicas.max})`);
    const a = env.approvals;
    if (a) {
      if (a.policy === "minimum" && a.minimum === undefined) ctx.error([...base, "approvals"], 'policy "minimum" needs minimum: N');
      if (a.policy !== "minimum" && a.minimum !== undefined) ctx.error([...base, "approvals", "minimum"], `minimum only applies to policy "minimum", not "${a.policy}"`);
      const dup = a.groups.find((g, i) => a.groups.indexOf(g) !== i);
      if (dup) ctx.error([...base, "approvals", "groups"], `group "${dup}" is listed twice`);
      if (a.policy === "minimum" && a.minimum !== undefined) {
        const people = new Set(a.groups.flatMap((g) => written.groups?.[g]?.members ?? []));
        if (a.minimum > people.size) ctx.error([...base, "approvals", "minimum"], `needs ${a.minimum} distinct approvers but the groups have ${people.size} members`);
      }
      a.groups.forEach((g, i) => {
        const group = written.groups?.[g];
        if (group && group.members.length === 0) ctx.warn([...base, "approvals", "groups", i], `group "${g}" has no members, so nobody can approve`);
      });
    }
    env.triggers.forEach((t, i) => {
      if ((t.branch === undefined) === (t.gitTag === undefined)) ctx.error([...base, "triggers", i], "a trigger needs exactly one of branch or gitTag");
    });
    if (env.target === "gitops" && !env.gitops) ctx.error([...base, "target"], 'target "gitops" needs a gitops: {repository, path} section');
    const port = env.router?.port;
    if (port !== undefined) {
      const other = routerPorts.get(port);
      if (other) ctx.error([...base, "router", "port"], `router port ${port} is already used by environment "${other}"`);
      else routerPorts.set(port, name);
    }
  }
  for (const [name, vg] of entries(written.variableGroups)) {
    const base = ["variableGroups", name];
    const need = { environment: "environments", stack: "stacks", tier: "tiers" } as const;
    if (vg.kind in need) {
      const key = need[vg.kind as keyof typeof need];
      if (!vg[key]?.length) ctx.error([...base, "kind"], `a variable group of kind "${vg.kind}" needs ${key}: [...]`);
    }
  }
  for (const [i, rule] of (written.tags?.rules ?? []).entries()) {
    if (rule.strategy === "auto" && rule.branch === undefined) ctx.error(["tags", "rules", i], 'an "auto" rule needs a branch glob');
    if (rule.strategy === "semver" && rule.gitTag === undefined) ctx.error(["tags", "rules", i], 'a "semver" rule needs a gitTag glob');
  }
}
