import { ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import type { TokenRow } from "../../store/rows.js";
import { findTokenById } from "../../store/tokens/find-by-id.js";
import { issuedToken, personalTokenCreate, rotateRequest } from "../access-schemas.js";
import { forgetToken, principal } from "../auth.js";
import type { ApiContext } from "../context.js";
import { commonErrors, errorBody } from "../errors.js";
import { SIGNED_IN } from "../permission.js";
import type { Principal } from "../../access/principal.js";
import { tokenId } from "../schemas.js";
import { issueToken, tokenView as view } from "../token-issue.js";
import type { ZodApp } from "../zod.js";

/** Only a person who signed in (or holds a personal token) makes personal tokens: an issued token cannot launder itself. */
function requireOwnCredential(p: Principal): void {
  if (p.auth === "oidc-session" || p.auth === "local-session" || p.auth === "personal-token") return;
  throw new ForbiddenError(
    `a personal token is made by its owner after signing in (quikship login); this request authenticated with a ${p.auth.replace("-", " ")}`,
    { details: { permission: "personal-token", auth: p.auth } },
  );
}

/** A token's owner, or an administrator for tokens that are not personal, may act on it. */
export function mayManage(p: Principal, row: TokenRow): boolean {
  switch (row.kind) {
    case "personal":
      return row.user_name === p.user || p.admin;
    default:
      return p.admin;
  }
}

export async function managedToken(context: ApiContext, p: Principal, id: string): Promise<TokenRow> {
  const row = await findTokenById(context.db.kysely, id);
  if (row === undefined) throw new NotFoundError(`no token with id ${id}`, { details: { id } });
  if (!mayManage(p, row))
    throw new ForbiddenError(
      `token ${id} is not yours: only its owner (or, unless it is personal, an administrator) may`,
      {
        details: { permission: "token-owner", id, user: p.user },
      },
    );
  return row;
}

/** Personal tokens, made by their owners, and rotation of any token one may manage. */
export function registerOwnTokenRoutes(app: ZodApp, context: ApiContext): void {
  const tags = ["tokens"];
  const { db, clock } = context;

  app.post(
    "/tokens/personal",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "createPersonalToken",
        tags,
        summary: "Create a personal token for yourself (signed in, or with a personal token of yours)",
        body: personalTokenCreate,
        response: { 201: issuedToken, ...commonErrors },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireOwnCredential(p);
      const { description, expiresIn } = request.body;
      const spec = { kind: "personal" as const, user: p.user, description, expiresIn };
      const { row, token } = await issueToken(db, context.platform, p, spec, clock.now());
      return reply.code(201).send({ ...view(row), token });
    },
  );

  app.post(
    "/tokens/:id/rotate",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "rotateToken",
        tags,
        summary: "Replace a token by a new one of the same kind and owner; the old one is revoked at once",
        params: tokenId,
        body: rotateRequest,
        response: { 201: issuedToken, 409: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const old = await managedToken(context, p, request.params.id);
      if (old.revoked_at !== null)
        throw new ConflictError(`token ${old.id} was revoked; create a new one instead`, { details: { id: old.id } });
      switch (old.kind) {
        case "bootstrap":
          throw new ConflictError("the first-start admin token is rotated by deleting its file and restarting", {
            details: { id: old.id },
          });
      }
      const spec = {
        kind: old.kind,
        user: old.user_name,
        ...(old.groups === null ? {} : { groups: JSON.parse(old.groups) as string[] }),
        description: old.description,
        expiresIn: request.body.expiresIn,
        rotates: old.id,
      };
      const { row, token } = await issueToken(db, context.platform, p, spec, clock.now());
      forgetToken(db, old.id);
      return reply.code(201).send({ ...view(row), token });
    },
  );
}
