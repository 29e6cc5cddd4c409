import { NotFoundError } from "../errors.js";
import { unknownNameHint } from "../config/suggest.js";
import type { Environment, Platform, Service } from "../config/types.js";

/**
 * A record's own entry: names come from requests, and `__proto__` or `toString` must find
 * nothing rather than what every object inherits.
 */
export function own<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** An environment by name or alias, or a not-found error naming the nearest known ones. */
export function findEnvironment(platform: Platform, name: string): Environment {
  const alias = own(platform.aliases, name);
  const env = own(platform.environments, name) ?? (alias === undefined ? undefined : own(platform.environments, alias));
  if (env) return env;
  const known = [...platform.ladder, ...Object.keys(platform.aliases)];
  throw new NotFoundError(`unknown environment "${name}"${unknownNameHint(name, known)}`, {
    details: { environment: name, known },
  });
}

export function findService(platform: Platform, name: string): Service {
  const service = own(platform.services, name);
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
