/**
 * Cosign-format image signatures: sign a digest with an ECDSA P-256 key (the simple signing
 * payload, its DER signature base64 in the layer's annotation, under the `sha256-<hex>.sig` tag),
 * and check which of an image's signatures verify against trusted public keys.
 */
import { createPublicKey, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { RegistryClient } from "../registry/client.js";
import { attach, attachmentTag, readAttachments } from "./attachments.js";
import type { Attachment } from "./attachments.js";
import { keyId } from "./keys.js";
import type { PublicKey } from "./keys.js";
import {
  namesRepository,
  parsePayload,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE,
  signingPayload,
} from "./simple-signing.js";

/** Where an image lives: its registry's client, the repository there, and `host/repository`. */
export interface ImageLocation {
  client: RegistryClient;
  repository: string;
  name: string;
}

export interface SignResult {
  tag: string;
  keyId: string;
}

/** Signs `digest`; a signature of this key already there is kept and not added again (ECDSA signatures differ each time). */
export async function signImage(image: ImageLocation, digest: string, key: KeyObject): Promise<SignResult> {
  const own: PublicKey = { id: keyId(key), source: "signing key", key: createPublicKey(key) };
  const existing = await imageSignatures(image, digest, [own]);
  if (existing.some((c) => c.status === "verified")) return { tag: attachmentTag(digest, "sig"), keyId: own.id };
  const payload = signingPayload({ dockerReference: image.name, digest }, "quikship");
  const signature = sign("sha256", payload, key).toString("base64");
  const tag = await attach(image.client, image.repository, digest, "sig", {
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    payload,
    annotations: { [SIGNATURE_ANNOTATION]: signature },
  });
  return { tag, keyId: keyId(key) };
}

/** One signature found on an image, and what checking it found. */
export type SignatureCheck =
  { status: "verified"; keyId: string; keySource: string } | { status: "untrusted"; reason: string };

/** Checks one attachment against the trusted keys: the payload must name this image and digest. */
export function checkSignature(
  attachment: Attachment,
  image: { name: string; digest: string },
  keys: readonly PublicKey[],
): SignatureCheck {
  if (attachment.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE)
    return { status: "untrusted", reason: `a layer of media type ${attachment.mediaType}` };
  const encoded = attachment.annotations[SIGNATURE_ANNOTATION];
  if (!encoded) return { status: "untrusted", reason: "a signature layer without a signature" };
  const signature = Buffer.from(encoded, "base64");
  const key = keys.find((k) => verify("sha256", attachment.payload, k.key, signature));
  if (!key) return { status: "untrusted", reason: "signed by no trusted key" };
  let signed;
  try {
    signed = parsePayload(attachment.payload);
  } catch (error) {
    return { status: "untrusted", reason: error instanceof Error ? error.message : String(error) };
  }
  if (signed.digest !== image.digest) return { status: "untrusted", reason: `signs another digest (${signed.digest})` };
  if (!namesRepository(signed.dockerReference, image.name))
    return { status: "untrusted", reason: `signs another repository (${signed.dockerReference})` };
  return { status: "verified", keyId: key.id, keySource: key.source };
}

/** The signatures stored for `digest`, each checked against `keys`. */
export async function imageSignatures(
  image: ImageLocation,
  digest: string,
  keys: readonly PublicKey[],
): Promise<SignatureCheck[]> {
  const found = await readAttachments(image.client, image.repository, digest, "sig");
  return found.map((a) => checkSignature(a, { name: image.name, digest }, keys));
}
