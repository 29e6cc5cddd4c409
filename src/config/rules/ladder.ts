import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** One first rung and no cycles, so every environment is reachable from the first rung. */
export function ladderIsSound(ctx: RuleContext): void {
  const from = new Map(entries(ctx.written.environments).map(([name, env]) => [name, env.from]));
  if (from.size === 0) return;
  // With an environment rejected by the schema, a missing first rung or link may be that one.
  const partial = ctx.rejected("environments");
  const roots = [...from.keys()].filter((n) => from.get(n) === undefined);
  if (roots.length === 0 && !partial) {
    ctx.error(
      ["environments"],
      'no environment is the first rung of the ladder; remove "from" from the first one',
      true,
    );
  }
  for (const root of roots.slice(1)) {
    ctx.error(
      ["environments", root],
      `the ladder has two first rungs ("${roots[0]}" and "${root}"); give "${root}" a "from"`,
      true,
    );
  }
  const reachable = new Set(ctx.platform.ladder);
  const reported = new Set<string>();
  for (const name of from.keys()) {
    if (reachable.has(name)) continue;
    // Not reachable: the chain of "from"s ends at an unknown name (reported as such) or goes round.
    const cycle = cycleFrom(name, from);
    if (cycle === undefined) continue;
    const key = [...cycle].sort().join(",");
    if (reported.has(key)) continue;
    reported.add(key);
    const message =
      cycle.length === 1
        ? `environment "${cycle[0]}" is promoted from itself; name the environment before it, or remove "from" on the first rung`
        : `the ladder has a cycle: ${[...cycle, cycle[0]!].join(" → ")}; one of them must be promoted from an environment outside it`;
    ctx.error(["environments", cycle[0]!, "from"], message);
  }
}

/** The cycle that following "from" links out of `start` runs into, if it does. */
function cycleFrom(start: string, from: Map<string, string | undefined>): string[] | undefined {
  const seen: string[] = [];
  let current: string | undefined = start;
  while (current !== undefined && from.has(current)) {
    const index = seen.indexOf(current);
    if (index !== -1) return seen.slice(index);
    seen.push(current);
    current = from.get(current);
  }
  return undefined;
}

/** dependsOn, which orders release trains, has no cycles. */
export function dependenciesAreAcyclic(ctx: RuleContext): void {
  const dependsOn = new Map(entries(ctx.written.services).map(([name, svc]) => [name, svc.dependsOn]));
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    const deps = dependsOn.get(name);
    if (state.get(name) === "done" || deps === undefined) return;
    if (state.get(name) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...cycle].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const from = stack[stack.length - 1]!;
        const index = dependsOn.get(from)!.indexOf(name);
        const message =
          cycle.length === 2
            ? `service "${name}" depends on itself; remove it from its dependsOn`
            : `services depend on each other in a cycle: ${cycle.join(" → ")}; remove one of these dependencies`;
        ctx.error(["services", from, "dependsOn", index], message);
      }
      return;
    }
    state.set(name, "visiting");
    for (const dep of deps) visit(dep, [...stack, name]);
    state.set(name, "done");
  };
  for (const name of dependsOn.keys()) visit(name, []);
}
