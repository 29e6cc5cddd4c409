import type { Platform } from "../config/types.js";

/** The user and groups, from the platform file, that a request acts as. */
export interface Principal {
  user: string;
  groups: string[];
  /** Member of an admin group, or the built-in admin user. */
  admin: boolean;
  tokenId: string;
}

/** The built-in user that the first-start token belongs to; always an administrator. */
export const ADMIN_USER = "admin";

/** User names a token can be issued to: the platform's users and the built-in admin. */
export function knownUsers(platform: Platform): string[] {
  return [...new Set([...Object.keys(platform.users), ADMIN_USER])].sort();
}

/**
 * The principal of a user, or undefined when the platform file no longer has the user. The
 * admin user is in every admin group, and is an administrator even when the file defines none
 * (otherwise no one could issue the first tokens).
 */
export function principalOf(platform: Platform, user: string, tokenId: string): Principal | undefined {
  const adminGroups = Object.values(platform.groups)
    .filter((g) => g.admin)
    .map((g) => g.name);
  const defined = Object.hasOwn(platform.users, user) ? platform.users[user] : undefined;
  if (user === ADMIN_USER) {
    const groups = [...new Set([...(defined?.groups ?? []), ...adminGroups])].sort();
    return { user, groups, admin: true, tokenId };
  }
  if (defined === undefined) return undefined;
  return { user, groups: defined.groups, admin: defined.groups.some((g) => adminGroups.includes(g)), tokenId };
}
