import type { Platform } from "../config/types.js";

/** How a request's maker proved who they are; recorded with every approval. */
export const AUTH_METHODS = [
  "bootstrap-token",
  "personal-token",
  "issued-token",
  "service-token",
  "oidc-session",
  "local-session",
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The user and groups a request acts as, and how it authenticated. */
export interface Principal {
  user: string;
  groups: string[];
  /** Member of an admin group, or the built-in admin user. */
  admin: boolean;
  /** The token or session the request carried (tok_... or ses_...). */
  tokenId: string;
  auth: AuthMethod;
}

/** The built-in user that the first-start token belongs to; always an administrator. */
export const ADMIN_USER = "admin";

/** User names a token can be issued to: the platform's users and the built-in admin. */
export function knownUsers(platform: Platform): string[] {
  return [...new Set([...Object.keys(platform.users), ADMIN_USER])].sort();
}

function adminGroups(platform: Platform): string[] {
  return Object.values(platform.groups)
    .filter((g) => g.admin)
    .map((g) => g.name);
}

/**
 * The groups and admin role of a user, or undefined when the platform file no longer has the
 * user. `extra` are groups from elsewhere (the provider's claim, a service token's grant). The
 * admin user is in every admin group, and is an administrator even when the file defines none
 * (otherwise no one could issue the first tokens).
 */
export function membership(
  platform: Platform,
  user: string,
  extra: readonly string[] = [],
  known = false,
): { groups: string[]; admin: boolean } | undefined {
  const admins = adminGroups(platform);
  const defined = Object.hasOwn(platform.users, user) ? platform.users[user] : undefined;
  const existing = new Set(Object.keys(platform.groups));
  // A group the platform no longer defines grants nothing.
  const granted = extra.filter((g) => existing.has(g));
  if (user === ADMIN_USER) {
    const groups = [...new Set([...(defined?.groups ?? []), ...admins, ...granted])].sort();
    return { groups, admin: true };
  }
  if (defined === undefined && !known) return undefined;
  const groups = [...new Set([...(defined?.groups ?? []), ...granted])].sort();
  return { groups, admin: groups.some((g) => admins.includes(g)) };
}

/** The principal of a platform user's token, or undefined when the file no longer has the user. */
export function principalOf(
  platform: Platform,
  user: string,
  tokenId: string,
  auth: AuthMethod = "issued-token",
): Principal | undefined {
  const m = membership(platform, user);
  return m === undefined ? undefined : { user, ...m, tokenId, auth };
}

/** Whether a principal's decision on an approval gate counts, and why not; `signInProvider`: the platform names one (`signIn.oidc`). */
export function approvalRefusal(p: Principal, signInProvider: boolean): string | undefined {
  switch (p.auth) {
    case "personal-token":
    case "oidc-session":
    case "local-session":
      return undefined;
    case "service-token":
      return `token ${p.tokenId} is a service token: service tokens never approve`;
    case "issued-token":
      // Without a sign-in provider the administrator is the only authority on who a person is
      // (a rehearsal on one machine): the tokens it issues to people are theirs. With one, people
      // prove who they are themselves, and a token made for someone never approves as them.
      if (!signInProvider) return undefined;
      return `token ${p.tokenId} was issued to ${p.user} by an administrator, so it cannot approve as ${p.user}: sign in, or use a personal token ${p.user} created`;
    case "bootstrap-token":
      return `the first-start admin token administers quikship; it never approves`;
  }
}
