/**
 * Pushes a hand-built image (oci-image.ts) to a test registry in this process, through quikship's
 * own registry client (its blob and manifest uploads): for tests that need many images in a
 * registry and test what quikship does with them, not how they got there. A push costs a few
 * requests instead of a skopeo process; the images, and so their digests, are those skopeo pushes
 * (`pushImage`), which the registry tests keep using to prove interoperability with a real peer.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { RegistryClient } from "../../src/registry/client.js";
import { isIndex } from "../../src/registry/media-types.js";
import { writeOciLayout } from "./oci-image.js";
import type { ImageSpec } from "./oci-image.js";
import type { TestRegistry } from "./registry.js";

interface Descriptor {
  mediaType: string;
  digest: string;
}

/** Pushes the image as `repository:tag` (basic auth where the registry has it); returns its digest. */
export async function uploadImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  spec: ImageSpec,
): Promise<string> {
  const { dir, digest } = writeOciLayout(spec);
  const client = new RegistryClient({
    host: registry.host,
    ...(registry.auth
      ? { credential: { kind: "basic", username: registry.auth.user, password: registry.auth.password, ref: "test" } }
      : {}),
  });
  const blob = (d: Descriptor): Buffer => readFileSync(join(dir, "blobs", "sha256", d.digest.slice("sha256:".length)));

  /** Pushes what a manifest (or an index) refers to, then the manifest itself under `reference`. */
  const push = async (manifest: Descriptor, reference: string): Promise<void> => {
    const body = blob(manifest);
    if (isIndex(manifest.mediaType)) {
      for (const child of (JSON.parse(body.toString()) as { manifests: Descriptor[] }).manifests)
        await push(child, child.digest);
    } else {
      const parsed = JSON.parse(body.toString()) as { config: Descriptor; layers: Descriptor[] };
      for (const d of [parsed.config, ...parsed.layers]) await client.pushBlob(repository, blob(d));
    }
    await client.pushManifest(repository, reference, body, manifest.mediaType);
  };

  try {
    const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { manifests: Descriptor[] };
    await push(index.manifests[0]!, tag);
    return digest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
