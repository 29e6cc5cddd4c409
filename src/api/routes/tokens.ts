import { appendAudit } from "../../audit/index.js";
import { unknownNameHint } from "../../config/suggest.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { TokenRow } from "../../store/rows.js";
import { insertToken } from "../../store/tokens/insert.js";
import { listTokens } from "../../store/tokens/list.js";
import { revokeToken } from "../../store/tokens/revoke.js";
import { forgetToken, principal, requireAdmin } from "../auth.js";
import { commonErrors, errorBody } from "../errors.js";
import { knownUsers } from "../principal.js";
import { issuedToken, tokenCreate, tokenId, tokenView } from "../schemas.js";
import { generateToken, hashToken, newTokenId } from "../token-secret.js";
import type { ApiContext } from "../context.js";
import type { ZodApp } from "../zod.js";

function view(row: TokenRow) {
  return {
    id: row.id,
    user: row.user_name,
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Administrators issue, list and revoke users' tokens. */
export function registerTokenRoutes(app: ZodApp, { db, platform, clock }: ApiContext): void {
  const tags = ["tokens"];
  // Every route here is for administrators.
  const preHandler = requireAdmin;

  app.post(
    "/tokens",
    {
      preHandler,
      schema: {
        tags,
        summary: "Issue a token to a user (administrators)",
        body: tokenCreate,
        response: { 201: issuedToken, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user, description } = request.body;
      const users = knownUsers(platform);
      if (!users.includes(user)) {
        throw new NotFoundError(`unknown user "${user}"${unknownNameHint(user, users)}`, {
          details: { user, known: users },
        });
      }
      const { user: actor, tokenId: actorToken } = principal(request);
      const token = generateToken();
      const row: TokenRow = {
        id: newTokenId(),
        user_name: user,
        token_hash: hashToken(token),
        created_at: clock.now(),
        created_by: actor,
        revoked_at: null,
        last_used_at: null,
        description: description ?? null,
      };
      await db.transaction(async (tx) => {
        await insertToken(tx, row);
        await appendAudit(
          tx,
          db,
          { actor, action: "token.create", subject: row.id, data: { user, description: row.description, actorToken } },
          row.created_at,
        );
      });
      return reply.code(201).send({ ...view(row), token });
    },
  );

  app.get(
    "/tokens",
    {
      preHandler,
      schema: {
        tags,
        summary: "List tokens, revoked ones included (administrators)",
        response: { 200: tokenView.array(), ...commonErrors },
      },
    },
    async () => (await listTokens(db.kysely)).map(view),
  );

  app.delete(
    "/tokens/:id",
    {
      preHandler,
      schema: {
        tags,
        summary: "Revoke a token (administrators)",
        params: tokenId,
        response: { 200: tokenView, 409: errorBody, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { user: actor, tokenId: actorToken } = principal(request);
      const at = clock.now();
      const result = await db.transaction(async (tx) => {
        const r = await revokeToken(tx, id, at);
        if (r.outcome === "revoked")
          await appendAudit(
            tx,
            db,
            { actor, action: "token.revoke", subject: id, data: { user: r.token.user_name, actorToken } },
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
}
