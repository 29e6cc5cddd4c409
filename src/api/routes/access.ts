import { decide, decideAll } from "../../access/permissions.js";
import type { PermissionDecision } from "../../access/permissions.js";
import { unknownNameHint } from "../../config/suggest.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import { fromJson } from "../../store/json.js";
import type { JsonText } from "../../store/json.js";
import { listPlatformVersions } from "../../store/platform-versions/write.js";
import type { PlatformChange } from "../../reload/diff.js";
import {
  permissionQuery,
  permissionView,
  platformSourceView,
  platformVersionView,
  reloadRequest,
  reloadResult,
} from "../access-schemas.js";
import { principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { ADMIN, SIGNED_IN } from "../permission.js";
import { knownUsers, membership } from "../../access/principal.js";
import type { ZodApp } from "../zod.js";

function decisionView(d: PermissionDecision) {
  return d.allowed
    ? { action: d.action, allowed: true, group: d.group, why: d.why }
    : { action: d.action, allowed: false, allowedGroups: d.allowedGroups, why: d.why };
}

/** Who may do what (`quikship can`), and the platform's versions and reload. */
export function registerAccessRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/permissions",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "checkPermission",
        tags: ["auth"],
        summary: "Whether a user (you, unless named) may take an action, or each action, in an environment, and why",
        querystring: permissionQuery,
        response: { 200: permissionView, ...commonErrors },
      },
    },
    (request) => {
      const platform = context.platform;
      const me = principal(request);
      const { user = me.user, action, environment } = request.query;
      const actor = user === me.user ? me : { user, ...membership(platform, user) };
      if (actor.groups === undefined) {
        const users = knownUsers(platform);
        throw new NotFoundError(`unknown user "${user}"${unknownNameHint(user, users)}`, {
          details: { user, known: users },
        });
      }
      const who = { user, groups: actor.groups };
      const decisions =
        action === undefined ? decideAll(platform, who, environment) : [decide(platform, who, action, environment)];
      return {
        user,
        groups: who.groups,
        environment: decisions[0]!.environment,
        decisions: decisions.map(decisionView),
      };
    },
  );

  app.post(
    "/platform/reload",
    {
      config: { permission: ADMIN },
      schema: {
        operationId: "reloadPlatform",
        tags: ["platform"],
        summary: "Load the platform file again: validated in full, stored as a new version, audited with its diff",
        description:
          "An invalid file is refused (400) with its located errors in `details.errors`; the version in use stays.",
        body: reloadRequest,
        response: { 200: reloadResult, 409: errorBody, ...commonErrors },
      },
    },
    async (request) => {
      if (context.reload === undefined)
        throw new ConflictError("this server was not started from a platform file, so it cannot load it again");
      return context.reload({ by: principal(request).user, source: "reload" });
    },
  );

  app.get(
    "/platform/versions",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listPlatformVersions",
        tags: ["platform"],
        summary: "The platform versions this database has seen, newest first, each with its changes",
        response: { 200: platformVersionView.array(), ...commonErrors },
      },
    },
    async () => {
      const current = context.platforms.version().version;
      const rows = await listPlatformVersions(context.db.kysely, 100);
      return rows.map((r) => {
        const diff = fromJson(r.diff as JsonText<{ changes: PlatformChange[]; truncated: number; commit?: string }>);
        return {
          version: r.version,
          hash: r.hash,
          loadedAt: r.loaded_at,
          loadedBy: r.loaded_by,
          source: r.source,
          ...(diff.commit === undefined ? {} : { commit: diff.commit }),
          current: r.version === current,
          changes: diff.changes,
          truncated: diff.truncated,
        };
      });
    },
  );
  app.get(
    "/platform/source",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "getPlatformSource",
        tags: ["platform"],
        summary:
          "Where this server's platform comes from: a file, or a git ref with the commit in use and a refused one",
        response: { 200: platformSourceView, ...commonErrors },
      },
    },
    () => {
      const version = context.platforms.version().version;
      const git = context.platformSource();
      if (git === undefined) return { kind: "file" as const, version };
      const { commit, checkedAt, refused, ...where } = git;
      return {
        kind: "git" as const,
        version,
        ...where,
        ...(commit === undefined ? {} : { commit }),
        ...(checkedAt === undefined ? {} : { checkedAt }),
        ...(refused === undefined ? {} : { refused }),
      };
    },
  );
}
