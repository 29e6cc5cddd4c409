/**
 * Pushes a hand-built image (oci-image.ts) to a test registry in this process, with the
 * distribution spec's requests (a blob upload: POST, then PUT with its digest; a manifest: PUT):
 * for tests that need many images in a registry and test what quikship does with them, not how
 * they got there. A push costs a few requests instead of a skopeo process; the images, and so their
 * digests, are those skopeo pushes (`pushImage`), which the registry tests keep using to prove
 * interoperability with a real peer.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeOciLayout } from "./oci-image.js";
import type { ImageSpec } from "./oci-image.js";
import type { TestRegistry } from "./registry.js";

interface Descriptor {
  mediaType: string;
  digest: string;
}

const INDEX = "application/vnd.oci.image.index.v1+json";

/** Pushes the image as `repository:tag` (basic auth where the registry has it); returns its digest. */
export async function uploadImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  spec: ImageSpec,
): Promise<string> {
  const { dir, digest } = writeOciLayout(spec);
  try {
    const blob = (d: Descriptor): Buffer =>
      readFileSync(join(dir, "blobs", "sha256", d.digest.slice("sha256:".length)));
    const top = (JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { manifests: Descriptor[] })
      .manifests[0]!;
    await pushManifest(registry, repository, top, tag, blob);
    return digest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pushes what a manifest (or an index) refers to, then the manifest itself under `reference`. */
async function pushManifest(
  registry: TestRegistry,
  repository: string,
  manifest: Descriptor,
  reference: string,
  blob: (d: Descriptor) => Buffer,
): Promise<void> {
  const body = blob(manifest);
  if (manifest.mediaType === INDEX) {
    for (const child of (JSON.parse(body.toString()) as { manifests: Descriptor[] }).manifests)
      await pushManifest(registry, repository, child, child.digest, blob);
  } else {
    const parsed = JSON.parse(body.toString()) as { config: Descriptor; layers: Descriptor[] };
    for (const d of [parsed.config, ...parsed.layers]) await pushBlob(registry, repository, d.digest, blob(d));
  }
  await send(registry, "PUT", `/v2/${repository}/manifests/${reference}`, body, manifest.mediaType, 201);
}

async function pushBlob(registry: TestRegistry, repository: string, digest: string, data: Buffer): Promise<void> {
  const started = await send(registry, "POST", `/v2/${repository}/blobs/uploads/`, undefined, undefined, 202);
  const location = new URL(started.headers.get("location")!, registry.url);
  location.searchParams.set("digest", digest);
  await send(registry, "PUT", location.pathname + location.search, data, "application/octet-stream", 201);
}

async function send(
  registry: TestRegistry,
  method: string,
  path: string,
  body: Buffer | undefined,
  contentType: string | undefined,
  expected: number,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  if (registry.auth)
    headers.authorization = `Basic ${Buffer.from(`${registry.auth.user}:${registry.auth.password}`).toString("base64")}`;
  const response = await fetch(`${registry.url}${path}`, { method, headers, body });
  if (response.status !== expected)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()} (expected ${expected})`);
  await response.arrayBuffer();
  return response;
}
