import { EVERYONE } from "../schema/permissions.js";
import { unknownNameHint } from "../suggest.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

/** Permissions and the sign-in group map name defined groups (or everyone). */
export function permissionsNameGroups(ctx: RuleContext): void {
  const { written } = ctx;
  const groups = Object.keys(written.groups ?? {});
  const known = [...groups, EVERYONE];
  const check = (path: (string | number)[], name: string): void => {
    if (!known.includes(name) && !ctx.rejected("groups", name))
      ctx.error(path, `unknown group "${name}"${unknownNameHint(name, known)}`);
  };
  const checkAll = (base: (string | number)[], permissions: Record<string, string[] | undefined> | undefined): void => {
    for (const [action, names] of entries(permissions)) names?.forEach((g, i) => check([...base, action, i], g));
  };
  for (const [name, env] of entries(written.environments))
    checkAll(["environments", name, "permissions"], env.permissions);
  for (const [tier, defaults] of entries(written.tiers))
    checkAll(["tiers", tier, "permissions"], defaults?.permissions);
  for (const [from, to] of entries(written.signIn?.oidc?.groups)) check(["signIn", "oidc", "groups", from], to);
}
