/**
 * The signature check of a deploy or promotion: every image going to an environment whose
 * `signatures` policy names trusted keys must carry a signature that verifies with one of them.
 * Registry failures propagate (unreachable is a wait for the caller); an unsigned image fails.
 */
import type { Environment, Platform } from "../config/types.js";
import { QuikshipError } from "../errors.js";
import { findService } from "../platform/lookup.js";
import type { Images } from "../registry/images.js";
import { publicKey } from "./keys.js";
import { imageSignatures } from "./signatures.js";

export interface SignedCheck {
  service: string;
  environment: string;
  keyId: string;
}

/** Returns what verified; throws a step failure naming each image that is not signed by a trusted key. */
export async function requireSigned(
  platform: Platform,
  images: Images,
  environments: readonly Environment[],
  pinned: Record<string, { digest: string | null }>,
): Promise<SignedCheck[]> {
  const out: SignedCheck[] = [];
  const refused: string[] = [];
  for (const environment of environments) {
    if (!environment.signatures) continue;
    const keys = environment.signatures.keys.map((k) => publicKey(k, platform.baseDir));
    for (const [name, image] of Object.entries(pinned)) {
      if (!image.digest) {
        refused.push(`${name}: no digest to verify (registry: none), and ${environment.name} requires signed images`);
        continue;
      }
      const location = images.clientFor(findService(platform, name));
      const checks = await imageSignatures(location, image.digest, keys);
      const verified = checks.find((c) => c.status === "verified");
      if (verified) out.push({ service: name, environment: environment.name, keyId: verified.keyId });
      else
        refused.push(
          `${name}: ${location.name}@${image.digest} ${checks.length === 0 ? "has no signature" : `has ${checks.length} signature(s), none by a trusted key`} (${environment.name} trusts ${keys.map((k) => (k.source === "inline" ? k.id : `${k.source} (${k.id})`)).join(", ")})`,
        );
    }
  }
  if (refused.length > 0)
    throw new QuikshipError("step-failed", `unsigned images: ${refused.join("; ")}`, { details: { refused } });
  return out;
}
