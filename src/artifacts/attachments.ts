/**
 * Things attached to an image the way cosign stores them where a registry has no referrers API:
 * an OCI manifest under the tag `sha256-<hex>.sig` (signatures) or `sha256-<hex>.att`
 * (attestations) in the image's own repository, one layer per attachment, each layer's payload a
 * blob and its signature in the layer's annotations. Adding one rewrites that manifest with the
 * layers it had plus the new one.
 */
import { NotFoundError } from "../errors.js";
import type { RegistryClient } from "../registry/client.js";
import { MEDIA } from "../registry/media-types.js";

export type AttachmentKind = "sig" | "att";

export interface Attachment {
  mediaType: string;
  payload: Buffer;
  annotations: Record<string, string>;
}

interface Layer {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/** `sha256-<hex>.sig`: where the attachments of `digest` live. */
export function attachmentTag(digest: string, kind: AttachmentKind): string {
  return `${digest.replace(":", "-")}.${kind}`;
}

/** Whether a tag is an attachment tag (`sha256-<64 hex>.sig|.att|.sbom`), not an image's. */
export function isAttachmentTag(tag: string): boolean {
  return /^sha256-[a-f0-9]{64}\.(sig|att|sbom)$/.test(tag);
}

async function layersOf(client: RegistryClient, repository: string, tag: string): Promise<Layer[]> {
  try {
    const manifest = await client.manifest(repository, tag);
    return (manifest.json.layers ?? []).map((l) => ({
      mediaType: l.mediaType ?? "",
      digest: l.digest,
      size: l.size ?? 0,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    }));
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** The attachments of `digest` (none when it has no such tag), each with its payload read. */
export async function readAttachments(
  client: RegistryClient,
  repository: string,
  digest: string,
  kind: AttachmentKind,
): Promise<Attachment[]> {
  const layers = await layersOf(client, repository, attachmentTag(digest, kind));
  return Promise.all(
    layers.map(async (l) => ({
      mediaType: l.mediaType,
      payload: await client.blob(repository, l.digest),
      annotations: l.annotations ?? {},
    })),
  );
}

/** Adds an attachment to `digest` (an identical one already there is not added twice); returns the tag written. */
export async function attach(
  client: RegistryClient,
  repository: string,
  digest: string,
  kind: AttachmentKind,
  attachment: Attachment,
): Promise<string> {
  const tag = attachmentTag(digest, kind);
  const layers = await layersOf(client, repository, tag);
  const layer: Layer = {
    mediaType: attachment.mediaType,
    digest: await client.pushBlob(repository, attachment.payload),
    size: attachment.payload.length,
    annotations: attachment.annotations,
  };
  const same = (l: Layer) =>
    l.digest === layer.digest && JSON.stringify(l.annotations ?? {}) === JSON.stringify(layer.annotations);
  if (layers.some(same)) return tag;
  layers.push(layer);
  // The config cosign writes: an empty image whose layers are the attachments.
  const config = Buffer.from(
    JSON.stringify({
      architecture: "",
      created: "0001-01-01T00:00:00Z",
      history: [{ created: "0001-01-01T00:00:00Z" }],
      os: "",
      rootfs: { type: "layers", diff_ids: layers.map((l) => l.digest) },
      config: {},
    }),
  );
  const configDigest = await client.pushBlob(repository, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: config.length },
      layers,
    }),
  );
  await client.pushManifest(repository, tag, manifest, MEDIA.ociManifest);
  return tag;
}
