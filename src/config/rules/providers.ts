import { PLACEHOLDERS, unknownPlaceholders } from "../placeholders.js";
import type { RuleContext } from "./context.js";

/** Prometheus query templates use only the placeholders the provider fills in. */
export function promqlPlaceholdersAreKnown(ctx: RuleContext): void {
  const provider = ctx.written.analysis?.provider;
  if (provider?.type !== "prometheus") return;
  for (const [name, template] of Object.entries(provider.queries ?? {})) {
    if (typeof template !== "string") continue;
    const unknown = unknownPlaceholders(template);
    if (unknown.length === 0) continue;
    const known = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
    ctx.error(
      ["analysis", "provider", "queries", name],
      `unknown placeholder ${unknown.map((u) => `{${u}}`).join(", ")} in the ${name} query; the provider fills in ${known}`,
    );
  }
}
