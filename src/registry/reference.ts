/**
 * Image references as the OCI distribution spec and Docker name them: `[HOST[:PORT]/]PATH[:TAG][@DIGEST]`.
 * A first component with a dot, a colon or `localhost` is a registry host; otherwise the image lives
 * on Docker Hub (`registry-1.docker.io`, with `library/` before one-component names). Pure.
 */
import { InputError } from "../errors.js";

export const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const DOCKER_HUB = "registry-1.docker.io";

export interface ImageReference {
  /** host[:port] of the registry's API. */
  host: string;
  /** The repository inside the registry (`team/api`). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Parses `image` (with or without tag and digest); a located InputError names what is wrong. */
export function parseReference(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InputError(`image ${image}: "${digest}" is not a sha256 digest`);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InputError(`image ${image}: "${tag}" is not a valid tag`);
  }
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const host = hasHost ? first : DOCKER_HUB;
  const path = hasHost ? parts.slice(1) : parts;
  if (!hasHost && path.length === 1) path.unshift("library");
  const bad = path.find((p) => !PATH_COMPONENT.test(p));
  if (bad !== undefined || path.length === 0)
    throw new InputError(`image ${image}: "${bad ?? ""}" is not a valid repository path component`);
  return { host, repository: path.join("/"), tag, digest };
}

/** `host/repository` as people write it (Docker Hub's host left out). */
export function repositoryName(ref: Pick<ImageReference, "host" | "repository">): string {
  if (ref.host !== DOCKER_HUB) return `${ref.host}/${ref.repository}`;
  return ref.repository.startsWith("library/") ? ref.repository.slice("library/".length) : ref.repository;
}

/** `repo:tag`, `repo@digest`, or `repo:tag@digest`. */
export function formatReference(repository: string, tag: string | undefined, digest: string | undefined): string {
  return `${repository}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}

/** Whether a host is this machine: its registry speaks plain HTTP unless told otherwise, as Docker assumes. */
export function isLoopback(host: string): boolean {
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.split(":")[0]!;
  return name === "localhost" || name === "::1" || /^127\./.test(name);
}
