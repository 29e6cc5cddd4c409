import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** One first rung, no cycles, every environment reachable from the first rung. */
export function ladderIsSound(ctx: RuleContext): void {
  const envs = ctx.written.environments ?? {};
  const names = Object.keys(envs);
  if (names.length === 0) return;
  const roots = names.filter((n) => envs[n]!.from === undefined);
  if (roots.length === 0) {
    ctx.error(["environments"], 'no environment is the first rung of the ladder; remove "from" from the first one', true);
  } else if (roots.length > 1) {
    for (const root of roots.slice(1)) {
      ctx.error(["environments", root], `the ladder has two first rungs ("${roots[0]}" and "${root}"); give "${root}" a "from"`, true);
    }
  }
  const reachable = new Set(ctx.platform.ladder);
  for (const name of names) {
    if (reachable.has(name)) continue;
    const from = envs[name]!.from;
    if (from === undefined || !envs[from]) continue; // reported as a second root or an unknown environment
    const cycle = findCycle(name, (n) => envs[n]?.from);
    ctx.error(
      ["environments", name, "from"],
      cycle ? `the ladder has a cycle: ${cycle.join(" → ")}` : `environment "${name}" is not reachable from the first rung`,
    );
  }
}

function findCycle(start: string, next: (n: string) => string | undefined): string[] | undefined {
  const seen: string[] = [];
  let current: string | undefined = start;
  while (current !== undefined && !seen.includes(current)) {
    seen.push(current);
    current = next(current);
  }
  if (current === undefined) return undefined;
  return [...seen.slice(seen.indexOf(current)), current];
}

/** dependsOn, which orders release trains, has no cycles. */
export function dependenciesAreAcyclic(ctx: RuleContext): void {
  const services = ctx.written.services ?? {};
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === "done" || !services[name]) return;
    if (state.get(name) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...cycle].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const from = stack[stack.length - 1]!;
        const index = services[from]!.dependsOn.indexOf(name);
        ctx.error(["services", from, "dependsOn", index], `services depend on each other in a cycle: ${cycle.join(" → ")}`);
      }
      return;
    }
    state.set(name, "visiting");
    for (const dep of services[name]!.dependsOn) visit(dep, [...stack, name]);
    state.set(name, "done");
  };
  for (const [name] of entries(services)) visit(name, []);
}
