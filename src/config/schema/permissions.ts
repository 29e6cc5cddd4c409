import * as z from "zod";
import { described, displayName, duration, lazily, secretRef } from "./common.js";
import { PERMISSION_ACTIONS } from "./permission-actions.js";
import type { PermissionAction } from "./permission-actions.js";

export { PERMISSION_ACTIONS } from "./permission-actions.js";
export type { PermissionAction } from "./permission-actions.js";

/** The group every signed-in person and token is in. */
export const EVERYONE = "everyone";

const ACTION_TEXT: Record<PermissionAction, string> = {
  deploy: "Deploy a tag to this environment (quikship deploy, run kind deploy, artifacts that trigger it).",
  promote: "Promote into this environment from the rung below (quikship promote).",
  rollback: "Roll a service or a release back here.",
  restart: "Restart a service's instances here.",
  scale: "Change a service's instance count here.",
  cancel: "Cancel other people's runs here (anyone may cancel their own).",
  abort: "Abort other people's rollouts here (anyone may abort their own).",
  "promote-step": "End a canary step early or resume a paused rollout of someone else's run here.",
  infra: "Run infrastructure actions (Terraform plans and applies) for this environment.",
  logs: "Read instance logs here.",
  variables: "See this environment's variables (secret names only, never values).",
};

const groups = z.array(displayName);

/** Groups allowed each action; an action left out falls back to the tier's, then to nobody. */
export const permissions = lazily(() =>
  z
    .strictObject(
      Object.fromEntries(
        PERMISSION_ACTIONS.map((a) => [
          a,
          groups
            .optional()
            .apply(described, `${ACTION_TEXT[a]} Groups by name; "${EVERYONE}" is every signed-in user.`),
        ]),
      ) as Record<PermissionAction, z.ZodOptional<typeof groups>>,
    )
    .apply(
      described,
      `Which groups may do what in an environment. An action not given here comes from the tier's permissions; not given there either, nobody may. A platform that declares permissions nowhere lets every signed-in user do everything.`,
    ),
);

export const signIn = lazily(() =>
  z
    .strictObject({
      oidc: z
        .strictObject({
          issuer: z
            .string()
            .url()
            .apply(described, "The OpenID provider's issuer URL (its discovery document is read from it)."),
          clientId: z
            .string()
            .min(1)
            .apply(
              described,
              "The client registered at the provider for quikship, with PKCE and device authorization.",
            ),
          clientSecret: secretRef
            .optional()
            .apply(described, "The client's secret, by reference (never the value); leave out for a public client."),
          scopes: z.array(z.string()).default(["openid", "profile", "email", "offline_access"]),
          userClaim: z.string().default("preferred_username").apply(described, "The claim that names the user."),
          groupsClaim: z
            .string()
            .default("groups")
            .apply(described, "The claim that lists the user's groups at the provider."),
          groups: z
            .record(z.string(), displayName)
            .default({})
            .apply(
              described,
              'Provider group → platform group, e.g. "quikapp-release": "Release Manager". A provider group with the name of a platform group maps to it without an entry.',
            ),
        })
        .optional()
        .apply(
          described,
          "Single sign-on with OpenID Connect: the dashboard uses authorization code with PKCE, `quikship login` device authorization.",
        ),
      sessionTtl: duration.default("12h").apply(described, "How long a sign-in lasts."),
      sessionRefresh: duration
        .default("5m")
        .apply(described, "How often a session's groups are read again from the provider."),
      tokenExpiry: duration
        .default("90d")
        .apply(described, "How long a personal or service token lasts unless created with a shorter expiry."),
    })
    .apply(described, "Sign-in: the OpenID provider, session and token lifetimes."),
);
