/**
 * A client of one registry's OCI distribution API (v2): resolve a tag to its digest, read a
 * manifest and an image's config and labels, list tags, push blobs and manifests, delete a
 * manifest. Image indexes resolve to the index's own digest (what a multi-platform tag names).
 */
import { createHash } from "node:crypto";
import { InternalError, NotFoundError } from "../errors.js";
import type { RegistryCredential } from "./auth.js";
import { RegistryHttp } from "./http.js";
import { isIndex, MANIFEST_ACCEPT, MEDIA } from "./media-types.js";
import { isLoopback } from "./reference.js";

export interface RegistryClientOptions {
  host: string;
  /** Default: plain HTTP for loopback hosts only. */
  plainHttp?: boolean;
  credential?: RegistryCredential;
  timeoutMs?: number;
}

export interface Manifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  json: ManifestJson;
}

export interface ManifestJson {
  mediaType?: string;
  config?: { digest: string; mediaType?: string };
  layers?: { digest: string; mediaType?: string; size?: number; annotations?: Record<string, string> }[];
  manifests?: { digest: string; mediaType?: string; platform?: { os?: string; architecture?: string } }[];
  annotations?: Record<string, string>;
}

export interface ImageConfig {
  /** The manifest the config was read from (the platform's one for an index). */
  manifestDigest: string;
  created: string | undefined;
  os: string | undefined;
  architecture: string | undefined;
  labels: Record<string, string>;
}

const sha256 = (data: Uint8Array): string => `sha256:${createHash("sha256").update(data).digest("hex")}`;

export class RegistryClient {
  readonly http: RegistryHttp;

  constructor(options: RegistryClientOptions) {
    this.http = new RegistryHttp({
      host: options.host,
      plainHttp: options.plainHttp ?? isLoopback(options.host),
      credential: options.credential ?? { kind: "anonymous" },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  get host(): string {
    return this.http.host;
  }

  /** The digest `repository:reference` names now: a HEAD, or the manifest's own hash when the registry gives none. */
  async resolve(repository: string, reference: string, signal?: AbortSignal): Promise<string> {
    const init = { ...this.manifestInit(repository, reference, signal), method: "HEAD" };
    let response: Response;
    try {
      response = await this.http.send(`/v2/${repository}/manifests/${reference}`, init);
    } catch (error) {
      // A HEAD's 404 has no body: ask again with GET for the registry's own words.
      if (error instanceof NotFoundError) return (await this.manifest(repository, reference, signal)).digest;
      throw error;
    }
    const digest = response.headers.get("docker-content-digest");
    if (digest) return digest;
    return (await this.manifest(repository, reference, signal)).digest;
  }

  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<Manifest> {
    const response = await this.http.send(
      `/v2/${repository}/manifests/${reference}`,
      this.manifestInit(repository, reference, signal),
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256(bytes);
    if (reference.startsWith("sha256:") && digest !== reference)
      throw new InternalError(`registry ${this.host} answered ${reference} with content of digest ${digest}`);
    const json = JSON.parse(bytes.toString("utf8")) as ManifestJson;
    const mediaType = json.mediaType ?? response.headers.get("content-type") ?? MEDIA.ociManifest;
    return { digest, mediaType, bytes, json };
  }

  /** The image's config (for an index, the linux/amd64 image's, else the first's): created, platform, labels. */
  async config(repository: string, reference: string, signal?: AbortSignal): Promise<ImageConfig> {
    let manifest = await this.manifest(repository, reference, signal);
    if (isIndex(manifest.mediaType)) {
      const entries = manifest.json.manifests ?? [];
      const chosen =
        entries.find((m) => m.platform?.os === "linux" && m.platform.architecture === "amd64") ?? entries[0];
      if (!chosen)
        throw new NotFoundError(`registry ${this.host}: the index ${repository}@${manifest.digest} is empty`);
      manifest = await this.manifest(repository, chosen.digest, signal);
    }
    const configDigest = manifest.json.config?.digest;
    if (!configDigest) throw new NotFoundError(`registry ${this.host}: ${repository}@${manifest.digest} has no config`);
    const config = JSON.parse((await this.blob(repository, configDigest, signal)).toString("utf8")) as {
      created?: string;
      os?: string;
      architecture?: string;
      config?: { Labels?: Record<string, string> | null };
    };
    return {
      manifestDigest: manifest.digest,
      created: config.created,
      os: config.os,
      architecture: config.architecture,
      labels: config.config?.Labels ?? {},
    };
  }

  /** Every tag of a repository, following the registry's pages (`Link: <...>; rel="next"`). */
  async tags(repository: string, signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    while (path) {
      const response = await this.http.send(path, {
        scope: `repository:${repository}:pull`,
        missing: `no repository ${repository}`,
        signal,
      });
      const body = (await response.json()) as { tags?: string[] | null };
      out.push(...(body.tags ?? []));
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "");
      path = next ? next[1] : undefined;
    }
    return out;
  }

  async blob(repository: string, digest: string, signal?: AbortSignal): Promise<Buffer> {
    const response = await this.http.send(`/v2/${repository}/blobs/${digest}`, {
      scope: `repository:${repository}:pull`,
      missing: `${repository} has no blob ${digest}`,
      signal,
    });
    return Buffer.from(await response.arrayBuffer());
  }

  /** Uploads a blob in one request (POST, then PUT with its digest); a blob already there is not sent again. */
  async pushBlob(repository: string, data: Uint8Array, signal?: AbortSignal): Promise<string> {
    const digest = sha256(data);
    const scope = `repository:${repository}:pull,push`;
    try {
      await this.http.send(`/v2/${repository}/blobs/${digest}`, { method: "HEAD", scope, signal });
      return digest;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const started = await this.http.send(`/v2/${repository}/blobs/uploads/`, { method: "POST", scope, signal });
    const location = new URL(started.headers.get("location") ?? "", `${this.http.base}/`);
    await started.body?.cancel();
    location.searchParams.set("digest", digest);
    const done = await this.http.send(location.toString(), {
      method: "PUT",
      scope,
      headers: { "content-type": "application/octet-stream" },
      body: data,
      signal,
    });
    await done.body?.cancel();
    return digest;
  }

  /** Puts a manifest under a tag or its digest; returns its digest. */
  async pushManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const response = await this.http.send(`/v2/${repository}/manifests/${reference}`, {
      method: "PUT",
      scope: `repository:${repository}:pull,push`,
      headers: { "content-type": mediaType },
      body: bytes,
    });
    await response.body?.cancel();
    return sha256(bytes);
  }

  /** Deletes a manifest by digest (every tag pointing at it goes with it); space returns at the registry's garbage collection. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    const response = await this.http.send(`/v2/${repository}/manifests/${digest}`, {
      method: "DELETE",
      scope: `repository:${repository}:delete`,
      missing: `${repository} has no manifest ${digest}`,
      signal,
    });
    await response.body?.cancel();
  }

  private manifestInit(repository: string, reference: string, signal: AbortSignal | undefined) {
    const missing = reference.startsWith("sha256:")
      ? `${repository} has no manifest ${reference}`
      : `${repository} has no tag ${reference}`;
    return { scope: `repository:${repository}:pull`, headers: { accept: MANIFEST_ACCEPT }, missing, signal };
  }
}
