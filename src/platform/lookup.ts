import { NotFoundError } from "../errors.js";
import { unknownNameHint } from "../config/suggest.js";
import type { Environment, Platform, Service } from "../config/types.js";

/** An environment by name or alias, or a not-found error naming the nearest known ones. */
export function findEnvironment(platform: Platform, name: string): Environment {
  const env = platform.environments[name] ?? platform.environments[platform.aliases[name] ?? ""];
  if (env) return env;
  const known = [...platform.ladder, ...Object.keys(platform.aliases)];
  throw new NotFoundError(`unknown environment "${name}"${unknownNameHint(name, known)}`, {
    details: { environment: name, known },
  });
}

export function findService(platform: Platform, name: string): Service {
  const service = platform.services[name];
  if (service) return service;
  const known = Object.keys(platform.services);
  throw new NotFoundError(`unknown service "${name}"${unknownNameHint(name, known)}`, {
    details: { service: name, known },
  });
}

/** "a,b" or "all" → service names, each checked. */
export function findServices(platform: Platform, list: string): Service[] {
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 1 && names[0] === "all") return Object.values(platform.services);
  return [...new Set(names)].map((n) => findService(platform, n));
}
