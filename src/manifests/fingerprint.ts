import { createHash } from "node:crypto";
import { relative, sep } from "node:path";
import type { Platform } from "../config/types.js";

/**
 * The platform's version as the manifests name it: sha256 of the normalized platform's JSON (its
 * order is the files' order), with the paths of this checkout made relative, so the same
 * platform files give the same digest on any machine.
 */
export function platformDigest(platform: Platform): string {
  let digest = digests.get(platform);
  if (digest === undefined) digests.set(platform, (digest = computeDigest(platform)));
  return digest;
}

// A platform is immutable once loaded; rendering its eight environments hashes it once.
const digests = new WeakMap<Platform, string>();

function computeDigest(platform: Platform): string {
  const root = platform.baseDir;
  const text = JSON.stringify(platform, (key, value: unknown) => {
    if (key === "baseDir") return undefined;
    if (typeof value === "string" && (value === root || value.startsWith(root + sep)))
      return relative(root, value) || ".";
    return value;
  });
  return sha256(text);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
