import { parseDurationMs } from "./duration.js";
import { EVERYONE, PERMISSION_ACTIONS } from "./schema/permissions.js";
import type { PermissionAction } from "./schema/permissions.js";
import type { ParsedPlatform } from "./schema/platform.js";
import type { SignIn } from "./types.js";

type Written = ParsedPlatform;
type WrittenPermissions = Partial<Record<PermissionAction, string[] | undefined>>;

/** Whether the file declares a permission anywhere: on an environment or a tier. */
export function permissionsDeclared(written: Written): boolean {
  const declared = (p: WrittenPermissions | undefined): boolean => p !== undefined && Object.keys(p).length > 0;
  return (
    Object.values(written.environments ?? {}).some((e) => declared(e.permissions)) ||
    Object.values(written.tiers ?? {}).some((t) => declared(t?.permissions))
  );
}

/**
 * An environment's permissions: its own per action, else its tier's, else nobody. When the file
 * declares none at all, everyone may do everything (the platform predates permissions).
 */
export function normalizePermissions(
  own: WrittenPermissions | undefined,
  tier: WrittenPermissions | undefined,
  declared: boolean,
): Record<PermissionAction, string[]> {
  return Object.fromEntries(
    PERMISSION_ACTIONS.map((a) => [a, own?.[a] ?? tier?.[a] ?? (declared ? [] : [EVERYONE])]),
  ) as Record<PermissionAction, string[]>;
}

export function normalizeSignIn(written: Written): SignIn {
  const s = written.signIn;
  const o = s?.oidc;
  return {
    oidc:
      o === undefined
        ? undefined
        : {
            issuer: o.issuer,
            clientId: o.clientId,
            clientSecret: o.clientSecret?.secret,
            scopes: o.scopes,
            userClaim: o.userClaim,
            groupsClaim: o.groupsClaim,
            groups: o.groups,
          },
    sessionTtlMs: parseDurationMs(s?.sessionTtl ?? "12h"),
    sessionRefreshMs: parseDurationMs(s?.sessionRefresh ?? "5m"),
    tokenExpiryMs: parseDurationMs(s?.tokenExpiry ?? "90d"),
  };
}
