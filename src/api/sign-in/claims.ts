import type { OidcSettings } from "../../config/types.js";
import { UnauthenticatedError } from "../../errors.js";
import type { Identity } from "./service.js";

/** The provider's groups as platform groups: through the `groups` map, else by the same name. */
export function mapGroups(settings: OidcSettings, claim: unknown): string[] {
  const names = Array.isArray(claim) ? claim : typeof claim === "string" ? [claim] : [];
  const mapped = names
    .filter((g): g is string => typeof g === "string")
    .map((g) => (Object.hasOwn(settings.groups, g) ? settings.groups[g]! : g));
  return [...new Set(mapped)].sort();
}

/** The user and platform groups in a provider's claims. */
export function identityOf(
  settings: OidcSettings,
  claims: Record<string, unknown>,
  refreshToken: string | null,
): Identity {
  const subject = claims.sub;
  if (typeof subject !== "string" || subject === "")
    throw new UnauthenticatedError("the OpenID provider sent no subject");
  const named = claims[settings.userClaim];
  const user = typeof named === "string" && named !== "" ? named : subject;
  return { user, subject, groups: mapGroups(settings, claims[settings.groupsClaim]), refreshToken };
}
