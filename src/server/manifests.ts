/**
 * The kubernetes target's renderings, kept with the revisions: a revision applies the rendering
 * stored with it; the first time, the service is rendered from the platform in use and stored.
 */
import type { Environment, Platform, Service } from "../config/types.js";
import type { ServiceBuild } from "../manifests/built.js";
import { buildServiceObjects } from "../manifests/service-build.js";
import type { Db } from "../store/database.js";
import { findRevision } from "../store/revisions/read.js";
import { keepRevisionRendering, renderingOf } from "../store/revisions/rendering.js";
import { fromJson } from "../store/json.js";
import type { ManifestSource } from "../targets/kubernetes/manifests.js";
import { resolveTfOutputs } from "../engine/tfoutputs.js";
import { isTfOutputText } from "../platform/tfoutput.js";
import { effectiveVariables } from "../platform/variables.js";

/** How many stored renderings are kept in memory: a deploy asks for its revision's up to three times. */
const KEPT_RENDERINGS = 64;

export function storedManifests(db: Db, platform: () => Platform): ManifestSource {
  // A revision's stored rendering never changes once kept (rendering.ts): it is read from the database once.
  const kept = new Map<string, ServiceBuild>();
  const keep = (key: string, build: ServiceBuild): ServiceBuild => {
    kept.delete(key);
    kept.set(key, build);
    if (kept.size > KEPT_RENDERINGS) kept.delete(kept.keys().next().value!);
    return build;
  };
  return {
    async forRevision(
      environment: Environment,
      service: Service,
      revision: number,
      tag: string | undefined,
    ): Promise<ServiceBuild | undefined> {
      const cacheKey = `${environment.name}\u0000${service.name}\u0000${revision}`;
      const known = kept.get(cacheKey);
      if (known && (tag === undefined || known.tag === tag)) return known;
      const row = await findRevision(db.kysely, environment.name, service.name, revision);
      const stored = row && renderingOf(fromJson(row.detail));
      if (stored) keep(cacheKey, stored);
      if (stored && (tag === undefined || stored.tag === tag)) return stored;
      if (tag === undefined) return undefined;
      const tfOutputs = await tfOutputsOf(db, platform(), environment, service);
      // The digest the pin-images step pinned (revisions.digest) goes into the overlay: image@sha256:….
      const digest = row?.tag === tag ? (row.digest ?? undefined) : undefined;
      const build = buildServiceObjects(platform(), environment.name, service.name, tag, { tfOutputs, digest });
      if (!row || row.tag !== tag) return build;
      const key = { environment: environment.name, service: service.name, number: revision };
      // The detail as just read saves reading it again; were it changed since, the write reads it anew.
      const storedNow = await db.transaction((tx) => keepRevisionRendering(tx, key, build, row.detail));
      return storedNow ? keep(cacheKey, storedNow) : build;
    },
  };
}

/**
 * The values the service's `tfoutput:ENV/NAME` variables take: the outputs of ENV's last apply.
 * A reference that cannot resolve fails the deploy naming the variable, a sensitive output among
 * them: its value would land in a ConfigMap and the stored rendering, so it is refused (give it
 * as a secret reference instead, which renders as an ExternalSecret).
 */
async function tfOutputsOf(
  db: Db,
  platform: Platform,
  environment: Environment,
  service: Service,
): Promise<Record<string, string>> {
  const references = effectiveVariables(platform, environment, { service, operation: "deploy" }).flatMap((v) =>
    !v.secret && isTfOutputText(String(v.value)) ? [{ name: v.name, text: String(v.value) }] : [],
  );
  if (references.length === 0) return {};
  const resolved = await resolveTfOutputs(
    db.kysely,
    platform,
    Object.fromEntries(references.map((r) => [r.name, r.text])),
  );
  return Object.fromEntries(references.map((r) => [r.text, resolved[r.name]!]));
}
