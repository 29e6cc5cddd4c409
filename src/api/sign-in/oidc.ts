/**
 * The relying party's side of OpenID Connect, through openid-client: authorization code with
 * PKCE for the dashboard, device authorization (RFC 8628) for `quikship login`, and the refresh
 * that reads a session's groups again. The provider's discovery document is read on first use
 * (the provider may start after quikship) and again after a failure.
 */
import * as oidc from "openid-client";
import type { OidcSettings } from "../../config/types.js";
import { UnauthenticatedError, UnavailableError } from "../../errors.js";
import type { SessionRow } from "../../store/rows.js";
import { identityOf } from "./claims.js";
import type { DevicePoll, DeviceStart, Identity, PendingBrowserSignIn, SignInService } from "./service.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface OidcOptions {
  /** The resolved client secret (from the platform's secret reference); none for a public client. */
  clientSecret?: string | undefined;
}

/** Whether plain HTTP may reach the issuer: only on this machine (a rehearsal or a test provider). */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
}

/** The provider's error code in an openid-client failure (`authorization_pending`, `invalid_grant`, ...). */
function providerError(error: unknown): string | undefined {
  if (error instanceof oidc.ResponseBodyError) return error.error;
  return undefined;
}

export class OidcSignIn implements SignInService {
  readonly #settings: OidcSettings;
  readonly #secret: string | undefined;
  #config: Promise<oidc.Configuration> | undefined;

  constructor(settings: OidcSettings, options: OidcOptions = {}) {
    this.#settings = settings;
    this.#secret = options.clientSecret;
  }

  #configuration(): Promise<oidc.Configuration> {
    if (this.#config === undefined) {
      const issuer = new URL(this.#settings.issuer);
      const auth = this.#secret === undefined ? oidc.None() : oidc.ClientSecretPost(this.#secret);
      const execute = insecureAllowed(issuer) ? [oidc.allowInsecureRequests] : [];
      this.#config = oidc.discovery(issuer, this.#settings.clientId, undefined, auth, { execute }).catch((error) => {
        this.#config = undefined;
        throw new UnavailableError(
          `the OpenID provider ${this.#settings.issuer} cannot be reached: ${(error as Error).message}`,
          { cause: error },
        );
      });
    }
    return this.#config;
  }

  async startBrowser(redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingBrowserSignIn }> {
    const config = await this.#configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.#settings.scopes.join(" "),
      response_type: "code",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
      // The provider issues a refresh token for offline_access only after a consent prompt.
      ...(this.#settings.scopes.includes("offline_access") ? { prompt: "consent" } : {}),
    });
    return { url: url.href, pending };
  }

  async finishBrowser(callbackUrl: URL, redirectUri: string, pending: PendingBrowserSignIn): Promise<Identity> {
    const config = await this.#configuration();
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce },
        { redirect_uri: redirectUri },
      );
    } catch (error) {
      throw new UnauthenticatedError(`the OpenID provider refused the sign-in: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return this.#identity(config, tokens);
  }

  async startDevice(): Promise<DeviceStart> {
    const config = await this.#configuration();
    const r = await oidc.initiateDeviceAuthorization(config, { scope: this.#settings.scopes.join(" ") });
    return {
      deviceCode: r.device_code,
      userCode: r.user_code,
      verificationUri: r.verification_uri,
      verificationUriComplete: r.verification_uri_complete,
      intervalSeconds: r.interval ?? 5,
      expiresInSeconds: r.expires_in,
    };
  }

  async pollDevice(deviceCode: string): Promise<DevicePoll> {
    const config = await this.#configuration();
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      tokens = await oidc.genericGrantRequest(config, DEVICE_GRANT, { device_code: deviceCode });
    } catch (error) {
      const code = providerError(error);
      if (code === "authorization_pending") return { status: "pending" };
      if (code === "slow_down") return { status: "slow-down" };
      const why = code === "expired_token" ? "the code expired" : code === "access_denied" ? "it was denied" : code;
      throw new UnauthenticatedError(`the device sign-in did not complete: ${why ?? (error as Error).message}`, {
        cause: error,
      });
    }
    return { status: "done", identity: await this.#identity(config, tokens) };
  }

  async refresh(session: SessionRow): Promise<{ groups: string[]; refreshToken: string | null } | "revoked"> {
    if (session.refresh_token === null || session.subject === null) return "revoked";
    const config = await this.#configuration();
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      tokens = await oidc.refreshTokenGrant(config, session.refresh_token);
    } catch (error) {
      if (providerError(error) !== undefined) return "revoked";
      throw new UnavailableError(`the OpenID provider cannot refresh session ${session.id} now; try again`, {
        cause: error,
      });
    }
    const claims = await oidc.fetchUserInfo(config, tokens.access_token, session.subject);
    const identity = identityOf(this.#settings, { ...tokens.claims(), ...claims }, null);
    return { groups: identity.groups, refreshToken: tokens.refresh_token ?? session.refresh_token };
  }

  /** The signed-in person from the ID token's claims and the userinfo endpoint's. */
  async #identity(
    config: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  ): Promise<Identity> {
    const idClaims = tokens.claims();
    if (idClaims === undefined) throw new UnauthenticatedError("the OpenID provider sent no ID token");
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return identityOf(this.#settings, { ...idClaims, ...info }, tokens.refresh_token ?? null);
  }
}
