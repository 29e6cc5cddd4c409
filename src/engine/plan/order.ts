import type { Platform, Service } from "../../config/types.js";

/**
 * The services of a release train in release order: each after every chosen service it depends
 * on, directly or through services that were not chosen. Otherwise the given order is kept, so
 * services with no dependency between them go in the order they were named. dependsOn is acyclic
 * (a rule of the platform file); were it not, the services caught in a cycle would keep their
 * given order after the others.
 */
export function trainOrder<S extends Pick<Service, "name">>(platform: Platform, services: readonly S[]): S[] {
  const chosen = new Set(services.map((s) => s.name));
  const before = new Map(services.map((s) => [s.name, chosenDependencies(platform, s.name, chosen)]));
  const placed = new Set<string>();
  const order: S[] = [];
  while (order.length < services.length) {
    const next = services.find((s) => !placed.has(s.name) && [...before.get(s.name)!].every((d) => placed.has(d)));
    const take = next ? [next] : services.filter((s) => !placed.has(s.name));
    for (const s of take) {
      placed.add(s.name);
      order.push(s);
    }
  }
  return order;
}

/** The chosen services `name` depends on, following dependsOn through the services not chosen. */
function chosenDependencies(platform: Platform, name: string, chosen: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>([name]);
  const queue = [...(platform.services[name]?.dependsOn ?? [])];
  while (queue.length > 0) {
    const dep = queue.shift()!;
    if (seen.has(dep)) continue;
    seen.add(dep);
    if (chosen.has(dep)) found.add(dep);
    queue.push(...(platform.services[dep]?.dependsOn ?? []));
  }
  return found;
}
