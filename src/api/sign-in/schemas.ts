import * as z from "zod";

export const signInConfig = z.object({
  oidc: z.boolean().describe("Whether this server signs people in through an OpenID provider."),
  issuer: z.string().optional().describe("The provider's issuer URL, when there is one."),
});

export const loginQuery = z.object({
  returnTo: z.string().max(2000).optional().describe("A path of this server to show after signing in."),
});

export const callbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(2000).optional(),
});

export const deviceStart = z.object({
  deviceCode: z.string().describe("What the CLI polls with; not for the person."),
  userCode: z.string().describe("What the person confirms at the provider."),
  verificationUri: z.string(),
  verificationUriComplete: z.string().optional(),
  intervalSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});

export const devicePollRequest = z.strictObject({ deviceCode: z.string().min(1).max(4000) });

export const devicePoll = z.discriminatedUnion("status", [
  z.object({ status: z.enum(["pending", "slow-down"]) }),
  z.object({
    status: z.literal("done"),
    token: z.string().describe("The session's secret (qs_...): a bearer token until the session ends. Shown once."),
    session: z.string(),
    user: z.string(),
    groups: z.array(z.string()).describe("The platform groups mapped from the provider's groups claim."),
    expiresAt: z.number(),
  }),
]);
