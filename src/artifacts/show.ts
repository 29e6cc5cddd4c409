/**
 * What `quikship artifacts show` tells of one image digest: its tags now, config and labels,
 * where it runs (revisions in every environment), its signatures and provenance checked against
 * every key the platform trusts, and the newest scan report's summary.
 */
import type { ArtifactView } from "../api/artifact-schemas.js";
import type { Platform, Service } from "../config/types.js";
import { NotFoundError } from "../errors.js";
import type { Images } from "../registry/images.js";
import { DIGEST } from "../registry/reference.js";
import { scanSummary } from "../store/artifacts/scan-summary.js";
import type { Queryable } from "../store/db.js";
import { activeRevisions, revisionsOfDigest } from "../store/revisions/read.js";
import { isAttachmentTag } from "./attachments.js";
import { publicKey } from "./keys.js";
import type { PublicKey } from "./keys.js";
import { imageProvenance } from "./provenance.js";
import { imageSignatures } from "./signatures.js";

/** Every key any environment trusts, once each. */
export function trustedKeys(platform: Platform): PublicKey[] {
  const keys = new Map<string, PublicKey>();
  for (const env of Object.values(platform.environments))
    for (const spec of env.signatures?.keys ?? []) {
      const key = publicKey(spec, platform.baseDir);
      if (!keys.has(key.id)) keys.set(key.id, key);
    }
  return [...keys.values()];
}

/** The digest a reference names: a digest as it is, a tag resolved; none: what the furthest environment runs. */
async function digestOf(db: Queryable, platform: Platform, images: Images, service: Service, reference?: string) {
  const { client, repository } = images.clientFor(service);
  if (reference !== undefined) return client.resolve(repository, reference);
  const rows = (await activeRevisions(db)).filter((r) => r.service === service.name && r.digest);
  const position = (env: string) => platform.environments[env]?.position ?? -1;
  const furthest = rows.sort((a, b) => position(b.environment) - position(a.environment))[0];
  if (!furthest?.digest)
    throw new NotFoundError(`${service.name} runs no pinned digest anywhere: name a tag or a digest`);
  return furthest.digest;
}

export async function showArtifact(
  db: Queryable,
  platform: Platform,
  images: Images,
  service: Service,
  reference: string | undefined,
): Promise<ArtifactView> {
  const { client, repository, name } = images.clientFor(service);
  const digest = await digestOf(db, platform, images, service, reference);
  if (!DIGEST.test(digest)) throw new NotFoundError(`${name}: ${digest} is not a sha256 digest`);
  const keys = trustedKeys(platform);
  const image = { client, repository, name };
  const allTags = (await client.tags(repository)).filter((t) => !isAttachmentTag(t));
  const [digests, config, revisions, signatures, provenance, scan] = await Promise.all([
    Promise.all(allTags.map(async (t) => [t, await client.resolve(repository, t)] as const)),
    client.config(repository, digest),
    revisionsOfDigest(db, service.name, digest),
    imageSignatures(image, digest, keys),
    imageProvenance(image, digest, keys),
    scanSummary(db, service.name, digest),
  ]);
  return {
    service: service.name,
    image: name,
    digest,
    tags: digests.filter(([, d]) => d === digest).map(([t]) => t),
    created: config.created ?? null,
    platform: config.os && config.architecture ? `${config.os}/${config.architecture}` : null,
    labels: config.labels,
    runs: revisions.map((r) => ({
      environment: r.environment,
      revision: r.number,
      tag: r.tag,
      status: r.status,
      activatedAt: r.activated_at,
    })),
    signatures,
    provenance: provenance.map((p) => ({
      predicateType: p.predicateType,
      builderId: p.builderId ?? null,
      commit: p.commit ?? null,
      buildType: p.buildType ?? null,
      verifiedBy: p.verifiedBy,
    })),
    scan: scan ?? null,
  };
}
