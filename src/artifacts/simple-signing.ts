/**
 * The payload a cosign signature signs (the "simple signing" format, as cosign and the containers
 * libraries write it): the image's repository and manifest digest. Pure.
 */
import { InputError } from "../errors.js";

export const SIGNATURE_TYPE = "cosign container image signature";
export const SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
/** The layer annotation holding the base64 signature of the layer's payload. */
export const SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

export interface SignedImage {
  /** `host/repository` (a tag, if the signer wrote one, is kept). */
  dockerReference: string;
  digest: string;
}

export function signingPayload(image: SignedImage, creator: string): Buffer {
  const payload = {
    critical: {
      identity: { "docker-reference": image.dockerReference },
      image: { "docker-manifest-digest": image.digest },
      type: SIGNATURE_TYPE,
    },
    optional: { creator },
  };
  return Buffer.from(JSON.stringify(payload));
}

export function parsePayload(bytes: Buffer): SignedImage {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new InputError("a signature's payload is not JSON", { cause: error });
  }
  const critical = (body as { critical?: Record<string, unknown> } | null)?.critical;
  const identity = critical?.identity as Record<string, unknown> | undefined;
  const image = critical?.image as Record<string, unknown> | undefined;
  const reference = identity?.["docker-reference"];
  const digest = image?.["docker-manifest-digest"];
  if (critical?.type !== SIGNATURE_TYPE || typeof reference !== "string" || typeof digest !== "string")
    throw new InputError(`a signature's payload is not a "${SIGNATURE_TYPE}"`);
  return { dockerReference: reference, digest };
}

/** Whether a signed reference names `repository` (`host/path`), with or without a tag or digest. */
export function namesRepository(dockerReference: string, repository: string): boolean {
  if (dockerReference === repository) return true;
  const rest = dockerReference.startsWith(repository) ? dockerReference.slice(repository.length) : undefined;
  return rest !== undefined && /^[:@]/.test(rest);
}
