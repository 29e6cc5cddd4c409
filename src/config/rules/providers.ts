import { countsTraffic, metricsProviderFor, prometheusAdvice } from "../metrics-provider.js";
import { PLACEHOLDERS, unknownPlaceholders } from "../placeholders.js";
import type { PathSegment } from "../diagnostics.js";
import type { ParsedPlatform } from "../schema/platform.js";
import { entries } from "./context.js";
import type { RuleContext } from "./context.js";

type WrittenProvider = NonNullable<ParsedPlatform["analysis"]>["provider"] | undefined;

function checkPlaceholders(ctx: RuleContext, path: PathSegment[], provider: WrittenProvider): void {
  if (provider?.type !== "prometheus") return;
  for (const [name, template] of Object.entries(provider.queries ?? {})) {
    if (typeof template !== "string") continue;
    const unknown = unknownPlaceholders(template);
    if (unknown.length === 0) continue;
    const known = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
    ctx.error(
      [...path, "queries", name],
      `unknown placeholder ${unknown.map((u) => `{${u}}`).join(", ")} in the ${name} query; the provider fills in ${known}`,
    );
  }
}

/** Prometheus query templates (the platform's and each environment's) use only the placeholders the provider fills in. */
export function promqlPlaceholdersAreKnown(ctx: RuleContext): void {
  checkPlaceholders(ctx, ["analysis", "provider"], ctx.written.analysis?.provider);
  for (const [name, env] of entries(ctx.written.environments))
    checkPlaceholders(ctx, ["environments", name, "analysis", "provider"], env.analysis?.provider);
}

const PROGRESSIVE = ["canary", "blue-green"];

/**
 * An environment where a canary or blue-green can run, on a target that counts no requests, with
 * the router as its provider: every judgement there would see zero requests. A warning, not an
 * error: a platform may keep such an environment on rolling in practice, and the traffic view says
 * the same thing where it is read.
 */
export function analysisSeesRequests(ctx: RuleContext): void {
  const services = entries(ctx.platform.services)
    .filter(([, s]) => s.strategy !== undefined && PROGRESSIVE.includes(s.strategy.type))
    .map(([name, s]) => `${name} (${s.strategy?.type})`);
  for (const [name, env] of entries(ctx.platform.environments)) {
    if (!ctx.written.environments?.[name]) continue;
    if (countsTraffic(env.target) || metricsProviderFor(ctx.platform, env).type !== "router") continue;
    const own = PROGRESSIVE.includes(env.strategy.type);
    if (!own && services.length === 0) continue;
    const which = [
      ...(own ? [`its ${env.strategy.type} strategy`] : []),
      ...(services.length ? [`the services' own strategies: ${list(services)}`] : []),
    ].join(" and ");
    const path: PathSegment[] = env.analysisProvider
      ? ["environments", name, "analysis", "provider"]
      : own
        ? ["environments", name, "strategy"]
        : ["environments", name];
    ctx.warn(
      path,
      `canaries and blue-green previews here (${which}) would be judged on no requests: the ${env.target} target counts none itself, ` +
        `and the analysis provider is the router, which reads only a target's own counters; ${prometheusAdvice(name)}`,
    );
  }
}

function list(names: string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}
