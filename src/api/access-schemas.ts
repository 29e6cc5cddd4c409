/** Schemas of tokens, sessions, permissions and platform versions: they validate and document the API. */
import * as z from "zod";
import { PERMISSION_ACTIONS } from "../config/schema/permissions.js";
import { DURATION_PATTERN } from "../config/schema/common.js";
import { TOKEN_KINDS } from "../store/access-rows.js";
import { AUTH_METHODS } from "../access/principal.js";

const expiresIn = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as "30d" or "12h"')
  .optional()
  .describe("How long the token lasts; the platform's signIn.tokenExpiry (90 days unless set) when absent.");
const description = z.string().trim().max(200).optional();
const name = z.string().trim().min(1).max(100);

export const personalTokenCreate = z
  .strictObject({ description, expiresIn })
  .describe("A personal token for the caller: only a signed-in person (or their own personal token) makes one.");

export const issuedTokenCreate = z
  .strictObject({ user: name.describe("A user of the platform file, or admin."), description, expiresIn })
  .describe("A token an administrator issues to a user. It acts as the user but never approves.");

export const serviceTokenCreate = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and '-'")
      .describe("The service account, e.g. github-ci; its runs and audit entries name it."),
    groups: z.array(name).max(50).default([]).describe("Platform groups the token acts in (e.g. CI)."),
    description,
    expiresIn,
  })
  .describe("A service token for CI or a bot (administrators). Service tokens never approve.");

export const tokenView = z
  .object({
    id: z.string(),
    kind: z.enum(TOKEN_KINDS),
    user: z.string(),
    groups: z.array(z.string()).nullable().describe("A service token's groups; null for the others."),
    description: z.string().nullable(),
    createdAt: z.number(),
    createdBy: z.string(),
    expiresAt: z.number().nullable(),
    lastUsedAt: z.number().nullable(),
    revokedAt: z.number().nullable(),
    rotatedFrom: z.string().nullable(),
  })
  .describe("A token, without its secret.");

export const issuedToken = tokenView.extend({
  token: z.string().describe("The bearer token. Shown this once; only its hash is kept."),
});

export const whoami = z.object({
  user: z.string(),
  groups: z.array(z.string()),
  admin: z.boolean(),
  tokenId: z.string(),
  auth: z.enum(AUTH_METHODS).describe("How the caller authenticated."),
  mayApprove: z.boolean().describe("Whether this credential's decisions on approval gates count."),
  csrfToken: z
    .string()
    .optional()
    .describe(
      "For a dashboard signed in by cookie: send it as the x-csrf-token header on every state-changing request.",
    ),
});

export const permissionQuery = z.strictObject({
  user: name
    .optional()
    .describe("A user of the platform file (administrators may ask about anyone); yourself when absent."),
  action: z.enum(PERMISSION_ACTIONS).optional().describe("One action; every action when absent."),
  environment: name,
});

export const permissionView = z.object({
  user: z.string(),
  groups: z.array(z.string()),
  environment: z.string(),
  decisions: z.array(
    z.object({
      action: z.enum(PERMISSION_ACTIONS),
      allowed: z.boolean(),
      allowedGroups: z.array(z.string()).optional(),
      group: z.string().optional(),
      why: z.string(),
    }),
  ),
});

export const platformChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });

export const reloadResult = z.object({
  outcome: z.enum(["reloaded", "unchanged"]),
  version: z.number(),
  previous: z.number().optional(),
  hash: z.string(),
  changes: z.array(platformChange).optional(),
  truncated: z.number().optional(),
  commit: z.string().optional(),
});

export const platformVersionView = z.object({
  version: z.number(),
  hash: z.string(),
  loadedAt: z.number(),
  loadedBy: z.string(),
  source: z.enum(["startup", "reload", "signal", "git"]),
  commit: z.string().optional().describe("The git commit the version was read from (the git source)."),
  current: z.boolean(),
  changes: z.array(platformChange),
  truncated: z.number(),
});

export const platformSourceView = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("file"), version: z.number() })
    .describe("The platform comes from a file (a reload reads it again)."),
  z
    .object({
      kind: z.literal("git"),
      version: z.number().describe("The platform version in use."),
      url: z.string().describe("The repository (a password in it hidden)."),
      ref: z.string(),
      path: z.string().describe("The platform file inside the repository."),
      commit: z.string().optional().describe("The commit of the version in use."),
      checkedAt: z.number().optional().describe("When the ref was last fetched (ms since the epoch)."),
      refused: z
        .object({ commit: z.string(), at: z.number(), errors: z.array(z.string()) })
        .optional()
        .describe("The ref's commit, refused with its located errors, while the ref points at it."),
    })
    .describe("The platform comes from a git ref this server watches."),
]);

export const rotateRequest = z
  .strictObject({ expiresIn })
  .describe("How long the new token lasts; the platform's signIn.tokenExpiry when absent.");

export const reloadRequest = z.strictObject({}).describe("Nothing: the server loads the file it was started with.");
