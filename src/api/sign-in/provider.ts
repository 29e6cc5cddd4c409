import type { OidcSettings, Platform } from "../../config/types.js";
import { UnavailableError } from "../../errors.js";
import { resolveSecret } from "../../platform/secrets.js";
import { OidcSignIn } from "./oidc.js";
import type { SignInService } from "./service.js";

/**
 * The sign-in service of the platform in use: made from its `signIn.oidc` block, and made again
 * when a reload changes that block. Undefined when the platform names no provider.
 */
export function signInFromPlatform(): (platform: Platform) => SignInService | undefined {
  let made: { key: string; service: SignInService } | undefined;
  return (platform) => {
    const settings = platform.signIn.oidc;
    if (settings === undefined) return undefined;
    const key = JSON.stringify(settings);
    if (made?.key !== key)
      made = { key, service: new OidcSignIn(settings, { clientSecret: clientSecret(settings, platform) }) };
    return made.service;
  };
}

function clientSecret(settings: OidcSettings, platform: Platform): string | undefined {
  if (settings.clientSecret === undefined) return undefined;
  const value = resolveSecret(settings.clientSecret, platform.baseDir);
  if (value === undefined)
    throw new UnavailableError(
      `the OpenID client secret ${settings.clientSecret} cannot be read on this server (signIn.oidc.clientSecret)`,
    );
  return value;
}
