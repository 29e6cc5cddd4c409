/**
 * Build provenance: the build manifest `quikship ci build` writes, as an in-toto statement (v1)
 * with a SLSA provenance v1 predicate (builder, source commit, build steps, materials), wrapped in
 * a DSSE envelope signed with the signing key and attached as cosign attaches attestations (the
 * `sha256-<hex>.att` tag). Reading one back checks its envelope signature with trusted keys.
 */
import { sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { BuildManifest } from "../ci/manifest.js";
import { InputError } from "../errors.js";
import { attach, readAttachments } from "./attachments.js";
import { keyId } from "./keys.js";
import type { PublicKey } from "./keys.js";
import { SIGNATURE_ANNOTATION } from "./simple-signing.js";
import type { ImageLocation } from "./signatures.js";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
export const BUILD_TYPE = "https://quikship.dev/provenance/ci-build/v1";
export const DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
const PAYLOAD_TYPE = "application/vnd.in-toto+json";

export interface ProvenanceContext {
  /** Who built: a CI run's URL, or a name for a machine. */
  builderId: string;
  /** The source repository (`https://github.com/owner/name`), when known. */
  sourceUri: string | undefined;
}

export interface Statement {
  _type: string;
  subject: { name: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

/** The statement for a pushed build (a manifest without a digest has nothing to attest). Pure. */
export function provenanceStatement(name: string, manifest: BuildManifest, context: ProvenanceContext): Statement {
  if (!manifest.digest)
    throw new InputError(`the build manifest of ${manifest.service} has no digest: push the image first`);
  const ref = manifest.source
    ? "branch" in manifest.source
      ? `refs/heads/${manifest.source.branch}`
      : `refs/tags/${manifest.source.gitTag}`
    : undefined;
  const uri = context.sourceUri ? `git+${context.sourceUri}${ref ? `@${ref}` : ""}` : undefined;
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name, digest: { sha256: manifest.digest.slice("sha256:".length) } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: { service: manifest.service, tag: manifest.tag, source: manifest.source },
        internalParameters: { builder: manifest.builder, steps: manifest.steps },
        resolvedDependencies: [{ ...(uri ? { uri } : {}), digest: { gitCommit: manifest.commit } }],
      },
      runDetails: {
        builder: { id: context.builderId },
        metadata: { startedOn: manifest.startedAt, finishedOn: manifest.finishedAt },
      },
    },
  };
}

/** DSSE's pre-authentication encoding: what the envelope's signature signs. */
function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType);
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export async function attestProvenance(
  image: ImageLocation,
  digest: string,
  statement: Statement,
  key: KeyObject,
): Promise<{ tag: string; keyId: string }> {
  const payload = Buffer.from(JSON.stringify(statement));
  const envelope = {
    payloadType: PAYLOAD_TYPE,
    payload: payload.toString("base64"),
    signatures: [{ keyid: "", sig: sign("sha256", pae(PAYLOAD_TYPE, payload), key).toString("base64") }],
  };
  const tag = await attach(image.client, image.repository, digest, "att", {
    mediaType: DSSE_MEDIA_TYPE,
    payload: Buffer.from(JSON.stringify(envelope)),
    annotations: { [SIGNATURE_ANNOTATION]: "", predicateType: statement.predicateType },
  });
  return { tag, keyId: keyId(key) };
}

export interface FoundProvenance {
  predicateType: string;
  builderId: string | undefined;
  commit: string | undefined;
  buildType: string | undefined;
  /** The trusted key whose signature verifies the envelope; null when none does. */
  verifiedBy: string | null;
}

function envelopeOf(payload: Buffer): { statement: Statement; signatures: Buffer[]; signed: Buffer } | undefined {
  try {
    const envelope = JSON.parse(payload.toString("utf8")) as {
      payloadType?: string;
      payload?: string;
      signatures?: { sig?: string }[];
    };
    if (envelope.payloadType !== PAYLOAD_TYPE || typeof envelope.payload !== "string") return undefined;
    const body = Buffer.from(envelope.payload, "base64");
    const statement = JSON.parse(body.toString("utf8")) as Statement;
    const signatures = (envelope.signatures ?? []).map((s) => Buffer.from(s.sig ?? "", "base64"));
    return { statement, signatures, signed: pae(PAYLOAD_TYPE, body) };
  } catch {
    return undefined;
  }
}

/** The attestations stored for `digest` that are in-toto statements about it, each checked against `keys`. */
export async function imageProvenance(
  image: ImageLocation,
  digest: string,
  keys: readonly PublicKey[],
): Promise<FoundProvenance[]> {
  const found = await readAttachments(image.client, image.repository, digest, "att");
  const hex = digest.slice("sha256:".length);
  return found.flatMap((a): FoundProvenance[] => {
    const envelope = a.mediaType === DSSE_MEDIA_TYPE ? envelopeOf(a.payload) : undefined;
    if (!envelope || !envelope.statement.subject?.some((s) => s.digest?.sha256 === hex)) return [];
    const key = keys.find((k) => envelope.signatures.some((sig) => verify("sha256", envelope.signed, k.key, sig)));
    const predicate = envelope.statement.predicate as {
      buildDefinition?: { buildType?: string; resolvedDependencies?: { digest?: { gitCommit?: string } }[] };
      runDetails?: { builder?: { id?: string } };
    };
    return [
      {
        predicateType: envelope.statement.predicateType,
        builderId: predicate.runDetails?.builder?.id,
        commit: predicate.buildDefinition?.resolvedDependencies?.find((d) => d.digest?.gitCommit)?.digest?.gitCommit,
        buildType: predicate.buildDefinition?.buildType,
        verifiedBy: key ? key.id : null,
      },
    ];
  });
}
