/**
 * Single sign-on (outside /v1: these routes are how one gets a credential). The dashboard signs
 * in with authorization code and PKCE (`/auth/login` → provider → `/auth/callback`, which sets
 * the HTTP-only session cookie); `quikship login` with device authorization through
 * `/auth/device`. Sessions live in the database, so every server of it accepts them.
 */
import type { FastifyRequest } from "fastify";
import { ConflictError, UnauthenticatedError } from "../../errors.js";
import { revokeSession, findSessionByHash } from "../../store/sessions/sessions.js";
import { CSRF_HEADER, SESSION_COOKIE, cookieValue } from "../auth.js";
import type { ApiContext } from "../context.js";
import { csrfTokenOf } from "../credentials.js";
import { commonErrors } from "../errors.js";
import { cookie, pendingCookie, pendingOf, safeReturnTo } from "../sign-in/cookies.js";
import {
  callbackQuery,
  devicePoll,
  devicePollRequest,
  deviceStart,
  loginQuery,
  signInConfig,
} from "../sign-in/schemas.js";
import type { SignInService } from "../sign-in/service.js";
import { startOidcSession } from "../sign-in/sessions.js";
import { hashToken } from "../token-secret.js";
import type { ZodApp } from "../zod.js";
import { PUBLIC } from "../permission.js";

const tags = ["auth"];
const security: Record<string, string[]>[] = [];

function provider(context: ApiContext): SignInService {
  const service = context.signIn;
  if (service === undefined)
    throw new ConflictError(
      "this server signs in with no OpenID provider (the platform has no signIn.oidc block); use a token",
    );
  return service;
}

function callbackUri(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/auth/callback`;
}

export function registerSignInRoutes(app: ZodApp, context: ApiContext): void {
  app.get(
    "/auth/config",
    {
      config: { permission: PUBLIC },
      schema: {
        operationId: "getSignInConfig",
        tags,
        security,
        summary: "How this server signs people in",
        response: { 200: signInConfig, 400: commonErrors[400] },
      },
    },
    () => {
      const oidc = context.platform.signIn.oidc;
      return oidc === undefined ? { oidc: false } : { oidc: true, issuer: oidc.issuer };
    },
  );

  app.get(
    "/auth/login",
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        security,
        operationId: "startSignIn",
        // A browser redirect, not an operation a client calls: left out of the API document.
        hide: true,
        summary: "Start a browser sign-in: redirects to the OpenID provider (authorization code with PKCE)",
        querystring: loginQuery,
        response: { 409: commonErrors[400], 503: commonErrors[503] },
      },
    },
    async (request, reply) => {
      const { url, pending } = await provider(context).startBrowser(
        callbackUri(request),
        safeReturnTo(request.query.returnTo),
      );
      return reply
        .header("set-cookie", pendingCookie(request, pending))
        .header("cache-control", "no-store")
        .redirect(url);
    },
  );

  app.get(
    "/auth/callback",
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        security,
        operationId: "finishSignIn",
        // A browser redirect, not an operation a client calls: left out of the API document.
        hide: true,
        summary:
          "Where the provider sends the browser back: checks state, nonce and PKCE, then sets the session cookie",
        querystring: callbackQuery,
        response: { ...commonErrors, 409: commonErrors[400] },
      },
    },
    async (request, reply) => {
      const service = provider(context);
      const pending = pendingOf(request);
      if (request.query.error !== undefined)
        throw new UnauthenticatedError(`the OpenID provider refused the sign-in: ${request.query.error}`);
      if (pending === undefined)
        throw new UnauthenticatedError(
          "no sign-in is under way in this browser (or it took over 10 minutes); start again at /auth/login",
        );
      const current = new URL(request.url, `${request.protocol}://${request.host}`);
      const identity = await service.finishBrowser(current, callbackUri(request), pending);
      const session = await startOidcSession({ ...context, platform: context.platform }, identity);
      context.logger.info({ session: session.id, user: session.user, via: "browser" }, "signed in");
      const maxAgeS = Math.floor((session.expiresAt - context.clock.now()) / 1000);
      return reply
        .header("set-cookie", [
          pendingCookie(request, undefined),
          cookie(request, SESSION_COOKIE, session.secret, { path: "/", maxAgeS }),
        ])
        .header("cache-control", "no-store")
        .redirect(pending.returnTo);
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        security,
        operationId: "signOut",
        summary: `End the cookie's session (with its \`${CSRF_HEADER}\` header) and clear the cookie`,
        response: { 204: { type: "null" } as never, ...commonErrors },
      },
    },
    async (request, reply) => {
      const secret = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (secret !== undefined && secret !== "") {
        if (request.headers[CSRF_HEADER] !== csrfTokenOf(secret))
          throw new UnauthenticatedError(`signing out needs the \`${CSRF_HEADER}\` header of the session`);
        const row = await findSessionByHash(context.db.kysely, hashToken(secret));
        if (row !== undefined) await revokeSession(context.db.kysely, row.id, context.clock.now());
      }
      return reply
        .header("set-cookie", cookie(request, SESSION_COOKIE, "", { path: "/", maxAgeS: 0 }))
        .code(204)
        .send();
    },
  );

  registerDeviceRoutes(app, context);
}

function registerDeviceRoutes(app: ZodApp, context: ApiContext): void {
  app.post(
    "/auth/device",
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        security,
        operationId: "startDeviceSignIn",
        summary: "Start a device sign-in (RFC 8628) for `quikship login`: a code the person confirms at the provider",
        response: { 200: deviceStart, ...commonErrors, 409: commonErrors[400] },
      },
    },
    () => provider(context).startDevice(),
  );

  app.post(
    "/auth/device/token",
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        security,
        operationId: "pollDeviceSignIn",
        summary: "Poll a device sign-in: pending until the person confirms, then the session's secret once",
        body: devicePollRequest,
        response: { 200: devicePoll, ...commonErrors, 409: commonErrors[400] },
      },
    },
    async (request) => {
      const polled = await provider(context).pollDevice(request.body.deviceCode);
      if (polled.status !== "done") return polled;
      const session = await startOidcSession({ ...context, platform: context.platform }, polled.identity);
      context.logger.info({ session: session.id, user: session.user, via: "device" }, "signed in");
      return {
        status: "done" as const,
        token: session.secret,
        session: session.id,
        user: session.user,
        groups: session.groups,
        expiresAt: session.expiresAt,
      };
    },
  );
}
