import type { Platform, Service } from "../../config/types.js";
import { InputError } from "../../errors.js";
import { parseReference } from "../../registry/reference.js";
import type { RunRequestOf } from "../request.js";
import type { PlannedRun } from "./planned.js";

/** Whether a service's images live in the platform's own registry (the one its retention rules are for). */
export function inPlatformRegistry(platform: Platform, service: Service): boolean {
  if (service.registry === "none" || !platform.registry) return false;
  try {
    return parseReference(service.image).host === platform.registry.server;
  } catch {
    return false;
  }
}

/**
 * A registry prune: one step per service repository, in name order. Named services must have
 * their images in the platform's registry; none named means every service that has. Nothing is
 * locked: a prune never deletes a digest an environment runs or can roll back to.
 */
export function planRegistryPrune(
  platform: Platform,
  request: RunRequestOf<"registry-prune">,
  named: readonly Service[],
  environment: string,
): PlannedRun {
  if (!platform.registry) throw new InputError("the platform names no registry (registry.server), so nothing to prune");
  for (const s of named)
    if (!inPlatformRegistry(platform, s))
      throw new InputError(
        `${s.name}'s image ${s.image} is not in the platform's registry ${platform.registry.server}${s.registry === "none" ? " (registry: none)" : ""}; its retention rules are not applied there`,
      );
  const services = (named.length > 0 ? named : Object.values(platform.services))
    .filter((s) => inPlatformRegistry(platform, s))
    .map((s) => s.name)
    .sort();
  if (services.length === 0)
    throw new InputError(`no service's image is in the platform's registry ${platform.registry.server}`);
  const dryRun = request.params.dryRun === true;
  const steps = services.map((service) => ({
    key: `registry-prune/${service}`,
    kind: "registry-prune",
    title: `${dryRun ? "list what a prune would delete from" : "prune"} ${service}'s image repository`,
    params: { service, dryRun },
  }));
  const stage = { key: "registry-prune", title: `prune ${platform.registry.server}`, environment, steps };
  return { request: { ...request, services }, plan: { stages: [stage] } };
}
