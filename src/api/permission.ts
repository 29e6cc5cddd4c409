/**
 * Every route declares the permission it needs in its config (`config: { permission }`): a /v1
 * route what a signed-in caller needs, checked by one preHandler hook once the request is
 * validated (403 naming what is missing); a route outside /v1 (health, metrics, signing in)
 * `public`. A route that declares none is refused when it is registered.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { actionOfRun, decide } from "../access/permissions.js";
import type { PermissionAction, PermissionDecision } from "../access/permissions.js";
import type { Platform } from "../config/types.js";
import type { EngineApi } from "../engine/api.js";
import type { RunKind, RunView } from "../engine/types.js";
import { ForbiddenError, InternalError } from "../errors.js";
import { principal } from "./auth.js";
import type { Principal } from "../access/principal.js";
import { isKind } from "../kind.js";

/** The actions on a run that its submitter may always take, and others only with the permission. */
export type RunCommandAction = "cancel" | "abort" | "promote-step";

export type RoutePermission =
  /** No sign-in at all: health, metrics, and signing in itself. Only outside /v1. */
  | { kind: "public" }
  /** Any signed-in principal: reads of runs, status, the audit log; what is one's own. */
  | { kind: "signed-in" }
  /** Members of an admin group: tokens of others, service tokens, platform reloads. */
  | { kind: "admin" }
  /** An action in the environments the request names (a path or query parameter, or what it triggers). */
  | {
      kind: "environment";
      action: PermissionAction;
      environments: (request: FastifyRequest, platform: Platform) => string[];
    }
  /** POST /runs: the action of the run's kind, in its environment (for a promotion, every target). */
  | { kind: "run-request" }
  /** A command on a run: its submitter may; others need the action in the run's environments. */
  | { kind: "run"; action: RunCommandAction }
  /** Approving or rejecting: the gate's groups decide who; here only how the maker signed in counts. */
  | { kind: "approval" };

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a caller needs for this route (required on every /v1 route). */
    permission?: RoutePermission;
  }
}

export const PUBLIC: RoutePermission = { kind: "public" };
export const SIGNED_IN: RoutePermission = { kind: "signed-in" };
export const ADMIN: RoutePermission = { kind: "admin" };
export const APPROVAL: RoutePermission = { kind: "approval" };
export const RUN_REQUEST: RoutePermission = { kind: "run-request" };
export const onRun = (action: RunCommandAction): RoutePermission => ({ kind: "run", action });
/** The action in the environment named by a path or query parameter. */
export const inEnvironment = (action: PermissionAction, param = "environment"): RoutePermission => ({
  kind: "environment",
  action,
  environments: (request) => {
    const params = request.params as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    const value = params?.[param] ?? query?.[param];
    return typeof value === "string" ? [value] : [];
  },
});

/** The environments a run acts in: a promotion's targets, else its environment. */
export function runEnvironments(run: {
  kind: RunKind;
  environment: string;
  request: { params: Record<string, unknown> };
}): string[] {
  const to = run.request.params.to;
  if (isKind(run, "promote") && Array.isArray(to)) return to.filter((t): t is string => typeof t === "string");
  // An infra promotion acts from its environment to `stop`; both ends are checked here, every rung by the planner's ladder.
  const stop = run.request.params.stop;
  if (isKind(run, "infra") && typeof stop === "string") return [run.environment, stop];
  return [run.environment];
}

/** 403 for a refused decision: the message says why, the details name the missing permission. */
export function refusal(p: Principal, d: Extract<PermissionDecision, { allowed: false }>): ForbiddenError {
  return new ForbiddenError(d.why, {
    details: {
      permission: d.action,
      environment: d.environment,
      allowedGroups: d.allowedGroups,
      user: p.user,
      groups: p.groups,
    },
  });
}

/** Refuses unless the principal may take the action in every environment; returns the decisions. */
export function requirePermission(
  platform: Platform,
  p: Principal,
  action: PermissionAction,
  environments: string[],
): PermissionDecision[] {
  const decisions = environments.map((e) => decide(platform, p, action, e));
  for (const d of decisions) if (!d.allowed) throw refusal(p, d);
  return decisions;
}

function requireAdmin(p: Principal): void {
  if (!p.admin)
    throw new ForbiddenError(`${p.user} is not an administrator: only members of an admin group may do this`, {
      details: { permission: "admin", user: p.user, groups: p.groups },
    });
}

const decisions = new WeakMap<FastifyRequest, PermissionDecision[]>();

/** The permission decisions the hook made for this request (for the audit): empty when none applied. */
export function grantedPermissions(request: FastifyRequest): PermissionDecision[] {
  return decisions.get(request) ?? [];
}

export interface PermissionContext {
  engine: EngineApi;
  platform: () => Platform;
}

async function check(
  ctx: PermissionContext,
  request: FastifyRequest,
  permission: RoutePermission,
): Promise<PermissionDecision[]> {
  const p = principal(request);
  const platform = ctx.platform();
  switch (permission.kind) {
    case "public":
    case "signed-in":
    case "approval":
      return [];
    case "admin":
      requireAdmin(p);
      return [];
    case "environment":
      return requirePermission(platform, p, permission.action, permission.environments(request, platform));
    case "run-request": {
      const body = request.body as { kind: RunKind; environment: string; params?: Record<string, unknown> };
      // Deleting images is an administrator's act, whether asked now (registry prune) or as a run.
      if (isKind(body, "registry-prune")) {
        requireAdmin(p);
        return [];
      }
      const envs = runEnvironments({
        kind: body.kind,
        environment: body.environment,
        request: { params: body.params ?? {} },
      });
      return requirePermission(platform, p, actionOfRun(body.kind), envs);
    }
    case "run": {
      const run: RunView = await ctx.engine.get((request.params as { id: string }).id);
      if (run.actor === p.user) return [];
      return requirePermission(platform, p, permission.action, runEnvironments(run));
    }
  }
}

/** The preHandler that checks each route's declared permission. */
export function authorize(ctx: PermissionContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined)
      throw new InternalError(`route ${request.method} ${request.routeOptions.url ?? "?"} declares no permission`);
    decisions.set(request, await check(ctx, request, permission));
  };
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

function declaredList(root: FastifyInstance): DeclaredRoute[] {
  const list: DeclaredRoute[] = declared.get(root) ?? [];
  declared.set(root, list);
  return list;
}

/**
 * Refuses to register a route of the signed-in scope (/v1) without a permission, or with `public`,
 * and keeps what each route declared.
 */
export function requireDeclaredPermissions(scope: FastifyInstance, root: FastifyInstance): void {
  const list = declaredList(root);
  scope.addHook("onRoute", (route: RouteOptions) => {
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) list.push({ method, url: route.url, permission });
    const where = `route ${methods.join(",")} ${route.url}`;
    if (permission === undefined) throw new InternalError(`${where} declares no permission (config.permission)`);
    if (isKind(permission, "public"))
      throw new InternalError(`${where} is signed-in only: public is for routes outside /v1`);
  });
}

/**
 * Refuses to register a route outside the signed-in scope that does not declare itself `public`
 * (what the API document hides, the dashboard's files and fastify's HEAD twins aside), so no
 * route is open by omission.
 */
export function requirePublicDeclared(app: FastifyInstance): void {
  const list = declaredList(app);
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (route.url.startsWith("/v1/") || route.schema?.hide === true || methods.every((m) => m === "HEAD")) return;
    const permission = route.config?.permission;
    for (const method of methods) list.push({ method, url: route.url, permission });
    if (!isKind(permission, "public"))
      throw new InternalError(
        `route ${methods.join(",")} ${route.url} is outside /v1 and must declare config.permission PUBLIC`,
      );
  });
}

/** The routes of an app (the /v1 ones and the public ones) and the permission each declares. */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declared.get(app) ?? [];
}
