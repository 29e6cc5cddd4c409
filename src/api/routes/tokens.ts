import { appendAudit } from "../../audit/index.js";
import { unknownNameHint } from "../../config/suggest.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import { listTokens } from "../../store/tokens/list.js";
import { revokeToken } from "../../store/tokens/revoke.js";
import { issuedToken, issuedTokenCreate, serviceTokenCreate, tokenView } from "../access-schemas.js";
import { forgetToken, principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { ADMIN, SIGNED_IN } from "../permission.js";
import { knownUsers } from "../../access/principal.js";
import { tokenId } from "../schemas.js";
import { issueToken, tokenView as view } from "../token-issue.js";
import type { ZodApp } from "../zod.js";
import { managedToken, registerOwnTokenRoutes } from "./tokens-own.js";

/** Administrators issue tokens to users and services; everyone lists and revokes their own. */
export function registerTokenRoutes(app: ZodApp, context: ApiContext): void {
  const tags = ["tokens"];
  const { db, clock } = context;

  app.post(
    "/tokens",
    {
      config: { permission: ADMIN },
      schema: {
        operationId: "issueToken",
        tags,
        summary:
          "Issue a token to a user (administrators); it acts as the user, and approves only where the platform names no sign-in provider",
        body: issuedTokenCreate,
        response: { 201: issuedToken, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user, description, expiresIn } = request.body;
      const users = knownUsers(context.platform);
      if (!users.includes(user))
        throw new NotFoundError(`unknown user "${user}"${unknownNameHint(user, users)}`, {
          details: { user, known: users },
        });
      const spec = { kind: "issued" as const, user, description, expiresIn };
      const { row, token } = await issueToken(db, context.platform, principal(request), spec, clock.now());
      return reply.code(201).send({ ...view(row), token });
    },
  );

  app.post(
    "/tokens/service",
    {
      config: { permission: ADMIN },
      schema: {
        operationId: "createServiceToken",
        tags,
        summary: "Create a service token for CI or a bot (administrators); service tokens never approve",
        body: serviceTokenCreate,
        response: { 201: issuedToken, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { name, groups, description, expiresIn } = request.body;
      const known = Object.keys(context.platform.groups);
      for (const g of groups)
        if (!known.includes(g))
          throw new NotFoundError(`unknown group "${g}"${unknownNameHint(g, known)}`, { details: { group: g, known } });
      if (knownUsers(context.platform).includes(name))
        throw new ConflictError(`"${name}" is a user of the platform file; name the service something else`, {
          details: { name },
        });
      const spec = { kind: "service" as const, user: name, groups, description, expiresIn };
      const { row, token } = await issueToken(db, context.platform, principal(request), spec, clock.now());
      return reply.code(201).send({ ...view(row), token });
    },
  );

  app.get(
    "/tokens",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listTokens",
        tags,
        summary: "List tokens, revoked ones included: all of them for administrators, your own for others",
        response: { 200: tokenView.array(), ...commonErrors },
      },
    },
    async (request) => {
      const p = principal(request);
      const rows = await listTokens(db.kysely);
      return rows.filter((r) => p.admin || r.user_name === p.user).map(view);
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "revokeToken",
        tags,
        summary: "Revoke a token: your own, or (administrators) any but another person's personal token",
        params: tokenId,
        response: { 200: tokenView, 409: errorBody, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const p = principal(request);
      await managedToken(context, p, id);
      const at = clock.now();
      const result = await db.transaction(async (tx) => {
        const r = await revokeToken(tx, id, at);
        if (r.outcome === "revoked")
          await appendAudit(
            tx,
            db,
            {
              actor: p.user,
              action: "token.revoke",
              subject: id,
              data: { user: r.token.user_name, actorToken: p.tokenId },
            },
            at,
          );
        return r;
      });
      forgetToken(db, id);
      if (result.outcome === "unknown") throw new NotFoundError(`no token with id ${id}`, { details: { id } });
      if (result.outcome === "already-revoked") {
        throw new ConflictError(
          `token ${id} was already revoked at ${new Date(result.token.revoked_at ?? 0).toISOString()}`,
          { details: { id } },
        );
      }
      return view(result.token);
    },
  );

  registerOwnTokenRoutes(app, context);
}
