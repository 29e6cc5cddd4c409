import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** Fields that depend on each other: replicas, approval minimums, triggers, variable group scopes, ports. */
export function fieldsAgree(ctx: RuleContext): void {
  const { written } = ctx;
  const routerPorts = new Map<number, string>();
  const groups = written.groups ?? {};
  for (const [tier, defaults] of entries(written.tiers)) {
    if (defaults.replicas && defaults.replicas.min > defaults.replicas.max)
      ctx.error(
        ["tiers", tier, "replicas", "min"],
        `min replicas (${defaults.replicas.min}) is above max (${defaults.replicas.max})`,
      );
  }
  for (const [name, env] of entries(written.environments)) {
    const base = ["environments", name];
    if (env.replicas && env.replicas.min > env.replicas.max)
      ctx.error([...base, "replicas", "min"], `min replicas (${env.replicas.min}) is above max (${env.replicas.max})`);
    const a = env.approvals;
    if (a) {
      const path = [...base, "approvals"];
      if (a.policy === "minimum" && a.minimum === undefined)
        ctx.error([...path, "policy"], 'policy "minimum" needs minimum: N, the number of distinct approvers');
      if (a.policy !== "minimum" && a.minimum !== undefined)
        ctx.error([...path, "minimum"], `minimum only applies to policy "minimum", not "${a.policy}"`, true);
      const dup = a.groups.findIndex((g, i) => a.groups.indexOf(g) !== i);
      if (dup !== -1) ctx.error([...path, "groups", dup], `group "${a.groups[dup]}" is listed twice`);
      const listed = a.groups.map((g) => (Object.hasOwn(groups, g) ? groups[g] : undefined));
      // An unknown or rejected group is reported elsewhere; without it the count below would be wrong.
      if (a.policy === "minimum" && a.minimum !== undefined && listed.every((g) => g !== undefined)) {
        const people = new Set(listed.flatMap((g) => g.members));
        if (a.minimum > people.size) {
          const names = a.groups.map((g) => `"${g}"`).join(" and ");
          const have = `${a.groups.length === 1 ? "has" : "have"} ${people.size} member${people.size === 1 ? "" : "s"}${a.groups.length === 1 ? "" : " in all"}`;
          ctx.error(
            [...path, "minimum"],
            `needs ${a.minimum} distinct approvers but ${names} ${have}; lower minimum or add members`,
          );
        }
      }
      listed.forEach((group, i) => {
        if (group && group.members.length === 0)
          ctx.warn([...path, "groups", i], `group "${a.groups[i]}" has no members, so nobody can approve`);
      });
    }
    env.triggers.forEach((t, i) => {
      if ((t.branch === undefined) === (t.gitTag === undefined)) {
        ctx.error(
          [...base, "triggers", i],
          `a trigger names a branch or a gitTag, ${t.branch === undefined ? "and this one has neither" : "not both; split it into two triggers"}`,
        );
      }
    });
    if (env.target === "gitops" && !env.gitops)
      ctx.error([...base, "target"], 'target "gitops" needs a gitops: {repository, path} section');
    const port = env.router?.port;
    if (port !== undefined) {
      const other = routerPorts.get(port);
      if (other)
        ctx.error([...base, "router", "port"], `router port ${port} is already used by environment "${other}"`);
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
    if (rule.strategy === "auto" && rule.branch === undefined)
      ctx.error(["tags", "rules", i], 'an "auto" rule needs a branch glob');
    if (rule.strategy === "semver" && rule.gitTag === undefined)
      ctx.error(["tags", "rules", i], 'a "semver" rule needs a gitTag glob');
  }
}
