import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { keyId, signingKey } from "../../src/artifacts/keys.js";
import { InputError } from "../../src/errors.js";
import { encryptedCosignKey } from "../support/cosign-key.js";

const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const expectedId = keyId(pair.publicKey);
const password = (value: string | undefined) => ({ ref: "env:COSIGN_PASSWORD", value });

interface Doc {
  kdf: { name: string; params: { N: number }; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

/** The JSON inside a PEM block, edited, put back. */
function edited(pem: string, edit: (doc: Doc) => void): string {
  const [, type, body] = /-----BEGIN (.+)-----\n([\s\S]+?)\n-----END/.exec(pem)!;
  const doc = JSON.parse(Buffer.from(body!.replace(/\n/g, ""), "base64").toString()) as Doc;
  edit(doc);
  return `-----BEGIN ${type}-----\n${Buffer.from(JSON.stringify(doc)).toString("base64")}\n-----END ${type}-----\n`;
}

describe("cosign's encrypted private keys", () => {
  it("opens an ENCRYPTED SIGSTORE PRIVATE KEY with cosign's scrypt parameters and its password", () => {
    const pem = encryptedCosignKey(pair.privateKey, "correct horse");
    const key = signingKey(pem, "env:COSIGN_KEY", password("correct horse"));
    assert.equal(key.type, "private");
    assert.equal(keyId(createPublicKey(key)), expectedId);
  });

  it("opens an ENCRYPTED COSIGN PRIVATE KEY with the scrypt parameters it gives, and an empty password", () => {
    const pem = encryptedCosignKey(pair.privateKey, "", { type: "COSIGN", N: 1024, r: 4, p: 2 });
    assert.equal(keyId(signingKey(pem, "file:cosign.key", password(""))), expectedId);
  });

  it("refuses a wrong password with an input error naming both references, never the password", () => {
    const pem = encryptedCosignKey(pair.privateKey, "right", { N: 1024 });
    assert.throws(
      () => signingKey(pem, "env:COSIGN_KEY", password("wrong-password")),
      (error: unknown) =>
        error instanceof InputError &&
        error.exitCode === 1 &&
        error.message ===
          "the password env:COSIGN_PASSWORD does not open the encrypted cosign key env:COSIGN_KEY (a wrong password, or the key file was altered)",
    );
  });

  it("says the password is missing when its reference does not resolve", () => {
    const pem = encryptedCosignKey(pair.privateKey, "right", { N: 1024 });
    assert.throws(
      () => signingKey(pem, "env:COSIGN_KEY", password(undefined)),
      /env:COSIGN_KEY is an encrypted cosign key and its password env:COSIGN_PASSWORD does not resolve on this machine/,
    );
    assert.throws(() => signingKey(pem, "env:COSIGN_KEY"), /is an encrypted cosign key and no password was given/);
  });

  it("refuses a key file that was altered: its ciphertext, or parameters it has no business asking", () => {
    const pem = encryptedCosignKey(pair.privateKey, "right", { N: 1024 });
    const flipped = edited(pem, (doc) => {
      const bytes = Buffer.from(doc.ciphertext, "base64");
      bytes[bytes.length - 1]! ^= 1;
      doc.ciphertext = bytes.toString("base64");
    });
    assert.throws(() => signingKey(flipped, "k", password("right")), /does not open the encrypted cosign key k/);
    const cases: [(doc: Doc) => void, RegExp][] = [
      [(d) => (d.kdf.params.N = 1000), /kdf\.params\.N is 1000, not a power of 2/],
      [(d) => (d.kdf.params.N = 2 ** 30), /kdf\.params\.N is 1073741824, not an integer from 1 to 1048576/],
      [(d) => (d.kdf.name = "pbkdf2"), /kdf\.name is "pbkdf2", not "scrypt"/],
      [(d) => (d.cipher.name = "aes-gcm"), /cipher\.name is "aes-gcm", not "nacl\/secretbox"/],
      [(d) => (d.cipher.nonce = "AAAA"), /cipher\.nonce is not base64 of 24 bytes/],
    ];
    for (const [edit, says] of cases) assert.throws(() => signingKey(edited(pem, edit), "k", password("right")), says);
    const garbage =
      "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nbm90IGpzb24=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
    assert.throws(
      () => signingKey(garbage, "k", password("right")),
      /k is not a cosign encrypted key as cosign writes it: its PEM body is not base64 of JSON/,
    );
  });
});
