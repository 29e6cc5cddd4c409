/**
 * The keys of cosign-format signatures: ECDSA P-256, as cosign and the containers libraries use
 * them. A signing key is a PEM private key (PKCS #8 `PRIVATE KEY`, SEC 1 `EC PRIVATE KEY`, or the
 * password-encrypted key cosign writes), read from a secret reference; a public key is a PEM
 * `PUBLIC KEY` (what `cosign.pub` holds).
 */
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { InputError } from "../errors.js";
import { decryptCosignKey, isEncryptedCosignKey } from "./encrypted-key.js";
import type { KeyPassword } from "./encrypted-key.js";

export interface PublicKey {
  /** sha256 of the key's DER (SubjectPublicKeyInfo), first 16 hex digits: how keys are named in output. */
  id: string;
  /** Where the key came from: a file path or "inline". */
  source: string;
  key: KeyObject;
}

function requireP256(key: KeyObject, where: string): void {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw new InputError(`${where} is not an ECDSA P-256 key (cosign signatures use ECDSA P-256)`);
}

/**
 * A signing key from PEM text; `where` names its secret reference in errors (never the value). A
 * cosign-encrypted key is opened with `password`.
 */
export function signingKey(pem: string, where: string, password?: KeyPassword): KeyObject {
  let key: KeyObject;
  if (isEncryptedCosignKey(pem)) {
    const der = decryptCosignKey(pem, where, password);
    try {
      key = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    } catch (error) {
      throw new InputError(`${where} opens, but what it holds is not a PKCS #8 private key`, { cause: error });
    }
  } else {
    try {
      key = createPrivateKey({ key: pem, format: "pem" });
    } catch (error) {
      throw new InputError(`${where} is not a PEM private key`, { cause: error });
    }
  }
  requireP256(key, where);
  return key;
}

export function keyId(key: KeyObject): string {
  const der = (key.type === "private" ? createPublicKey(key) : key).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

/** A public key: inline PEM, or a file (relative to `baseDir`, the platform file's directory). */
export function publicKey(spec: string, baseDir: string): PublicKey {
  const inline = spec.includes("-----BEGIN");
  const source = inline ? "inline" : spec;
  let pem = spec;
  if (!inline) {
    try {
      pem = readFileSync(isAbsolute(spec) ? spec : resolve(baseDir, spec), "utf8");
    } catch (error) {
      throw new InputError(`the public key file ${spec} cannot be read`, { cause: error });
    }
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch (error) {
    throw new InputError(`the public key ${source} is not a PEM public key`, { cause: error });
  }
  requireP256(key, `the public key ${source}`);
  return { id: keyId(key), source, key };
}
