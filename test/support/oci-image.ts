/**
 * Small OCI images written by hand as an OCI image layout (the image-spec's `oci-layout`,
 * `index.json`, `blobs/sha256/...`) and pushed to a test registry with the real `skopeo`:
 * one image, or an image index of two platforms. Each image holds one file, so two builds
 * with different contents have different digests.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestRegistry } from "./registry.js";

export const SKOPEO = "/usr/bin/skopeo";

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string };
}

function putBlob(dir: string, data: Buffer, mediaType: string): Descriptor {
  const hex = createHash("sha256").update(data).digest("hex");
  writeFileSync(join(dir, "blobs", "sha256", hex), data);
  return { mediaType, digest: `sha256:${hex}`, size: data.length };
}

function layerTar(content: string): Buffer {
  const src = mkdtempSync(join(tmpdir(), "quikship-layer-"));
  try {
    writeFileSync(join(src, "hello.txt"), content);
    return execFileSync("tar", ["--mtime=@0", "--owner=0", "--group=0", "-cf", "-", "-C", src, "hello.txt"]);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

function image(
  dir: string,
  content: string,
  labels: Record<string, string>,
  architecture: string,
  created: string,
): Descriptor {
  const layer = putBlob(dir, layerTar(content), "application/vnd.oci.image.layer.v1.tar");
  const config = {
    created,
    architecture,
    os: "linux",
    config: { Labels: labels },
    rootfs: { type: "layers", diff_ids: [layer.digest] },
  };
  const configDesc = putBlob(dir, Buffer.from(JSON.stringify(config)), "application/vnd.oci.image.config.v1+json");
  const manifest = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: configDesc,
    layers: [layer],
  };
  return {
    ...putBlob(dir, Buffer.from(JSON.stringify(manifest)), manifest.mediaType),
    platform: { os: "linux", architecture },
  };
}

export interface ImageSpec {
  /** What the one file holds: different contents, different digests. */
  content: string;
  labels?: Record<string, string>;
  /** An image index of linux/amd64 and linux/arm64 instead of one image. */
  index?: boolean;
  /** The image config's `created` (default 2026-11-16T12:00:00Z). */
  created?: string;
}

/** Writes an OCI layout holding the image under tag `latest`; returns the directory and the top digest. */
export function writeOciLayout(spec: ImageSpec): { dir: string; digest: string } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-oci-"));
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  const labels = spec.labels ?? {};
  const created = spec.created ?? "2026-11-16T12:00:00Z";
  let top: Descriptor;
  if (spec.index) {
    const manifests = ["amd64", "arm64"].map((a) => image(dir, `${spec.content} ${a}`, labels, a, created));
    const index = { schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests };
    top = putBlob(dir, Buffer.from(JSON.stringify(index)), index.mediaType);
  } else {
    const { platform: _platform, ...desc } = image(dir, spec.content, labels, "amd64", created);
    top = desc;
  }
  const ref = { ...top, annotations: { "org.opencontainers.image.ref.name": "latest" } };
  writeFileSync(join(dir, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  return { dir, digest: top.digest };
}

/**
 * Pushes an image to `registry` as `repository:tag` with skopeo; returns its digest. Asynchronous,
 * so a token service in this process can answer skopeo.
 */
export async function pushImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  spec: ImageSpec,
): Promise<string> {
  const { dir, digest } = writeOciLayout(spec);
  try {
    const creds = registry.auth ? ["--dest-creds", `${registry.auth.user}:${registry.auth.password}`] : [];
    await promisify(execFile)(
      SKOPEO,
      [
        "--insecure-policy",
        "copy",
        "--all",
        "--preserve-digests",
        "--dest-tls-verify=false",
        ...creds,
        `oci:${dir}:latest`,
        `docker://${registry.host}/${repository}:${tag}`,
      ],
      { timeout: 60_000 },
    );
    return digest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
