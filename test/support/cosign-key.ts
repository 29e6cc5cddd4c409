/**
 * A private key encrypted as `cosign generate-key-pair` writes it, built here from the format's
 * description (securesystemslib "encrypted": scrypt, then NaCl secretbox) and not by the code
 * under test: a PEM block whose body is base64 of
 * `{"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},"cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}`.
 */
import { randomBytes, scryptSync } from "node:crypto";
import type { KeyObject } from "node:crypto";
import nacl from "tweetnacl";

export interface EncryptOptions {
  /** scrypt's parameters; cosign's own: N 32768, r 8, p 1. */
  N?: number;
  r?: number;
  p?: number;
  /** The PEM type: SIGSTORE (cosign 2) or COSIGN (cosign 1). */
  type?: "SIGSTORE" | "COSIGN";
}

export function encryptedCosignKey(key: KeyObject, password: string, options: EncryptOptions = {}): string {
  const { N = 32768, r = 8, p = 1, type = "SIGSTORE" } = options;
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const boxKey = scryptSync(Buffer.from(password, "utf8"), salt, 32, { N, r, p, maxmem: 256 * N * r });
  const der = key.export({ type: "pkcs8", format: "der" });
  const ciphertext = nacl.secretbox(der, nonce, boxKey);
  const json = JSON.stringify({
    kdf: { name: "scrypt", params: { N, r, p }, salt: salt.toString("base64") },
    cipher: { name: "nacl/secretbox", nonce: nonce.toString("base64") },
    ciphertext: Buffer.from(ciphertext).toString("base64"),
  });
  const body = Buffer.from(json).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN ENCRYPTED ${type} PRIVATE KEY-----\n${body.replace(/\n$/, "")}\n-----END ENCRYPTED ${type} PRIVATE KEY-----\n`;
}
