/**
 * The private keys `cosign generate-key-pair` writes: a PEM block (`ENCRYPTED SIGSTORE PRIVATE KEY`,
 * before that `ENCRYPTED COSIGN PRIVATE KEY`) whose body is JSON, as the securesystemslib
 * "encrypted" format has it: `{"kdf": {"name": "scrypt", "params": {"N", "r", "p"}, "salt"},
 * "cipher": {"name": "nacl/secretbox", "nonce"}, "ciphertext"}`, byte strings in base64. The key
 * that opens the secretbox (XSalsa20-Poly1305) is scrypt(password, salt, N, r, p) of 32 bytes; the
 * plaintext is the PKCS #8 DER of the private key.
 */
import { scryptSync } from "node:crypto";
import nacl from "tweetnacl";
import { InputError } from "../errors.js";

const PEM = /-----BEGIN ENCRYPTED (COSIGN|SIGSTORE) PRIVATE KEY-----([\s\S]*?)-----END ENCRYPTED \1 PRIVATE KEY-----/;

/** The largest work a key file may ask of scrypt: it comes with the key, so it is bounded (cosign's "OWASP" level is N 2^17). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export function isEncryptedCosignKey(pem: string): boolean {
  return PEM.test(pem);
}

interface Sealed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
}

function field(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** The JSON inside the PEM block, checked; `where` names the key's secret reference (never its value). */
function sealed(pem: string, where: string): Sealed {
  const body = PEM.exec(pem)![2]!.replace(/\s+/g, "");
  const bad = (what: string): InputError =>
    new InputError(`${where} is not a cosign encrypted key as cosign writes it: ${what}`);
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(body, "base64").toString("utf8"));
  } catch {
    throw bad("its PEM body is not base64 of JSON");
  }
  const kdf = field(doc, ["kdf", "name"]);
  const cipher = field(doc, ["cipher", "name"]);
  if (kdf !== "scrypt") throw bad(`kdf.name is ${JSON.stringify(kdf)}, not "scrypt"`);
  if (cipher !== "nacl/secretbox") throw bad(`cipher.name is ${JSON.stringify(cipher)}, not "nacl/secretbox"`);
  const int = (path: string[], max: number): number => {
    const n = field(doc, path);
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > max)
      throw bad(`${path.join(".")} is ${JSON.stringify(n)}, not an integer from 1 to ${max}`);
    return n;
  };
  const bytes = (path: string[], length?: number): Buffer => {
    const text = field(doc, path);
    const value = typeof text === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, "base64") : null;
    if (value === null || value.length === 0 || (length !== undefined && value.length !== length))
      throw bad(`${path.join(".")} is not base64 of ${length === undefined ? "some" : length} bytes`);
    return value;
  };
  const N = int(["kdf", "params", "N"], MAX_N);
  if (N < 2 || (N & (N - 1)) !== 0) throw bad(`kdf.params.N is ${N}, not a power of 2`);
  return {
    N,
    r: int(["kdf", "params", "r"], MAX_R),
    p: int(["kdf", "params", "p"], MAX_P),
    salt: bytes(["kdf", "salt"]),
    nonce: bytes(["cipher", "nonce"], nacl.secretbox.nonceLength),
    ciphertext: bytes(["ciphertext"]),
  };
}

/** The password of an encrypted key: its secret reference, and its value where that resolves. */
export interface KeyPassword {
  ref: string;
  value: string | undefined;
}

/** The PKCS #8 DER of an encrypted cosign key. A missing or wrong password is an InputError (exit 1). */
export function decryptCosignKey(pem: string, where: string, password: KeyPassword | undefined): Buffer {
  const box = sealed(pem, where);
  if (password?.value === undefined)
    throw new InputError(
      `${where} is an encrypted cosign key and ${password === undefined ? "no password was given" : `its password ${password.ref} does not resolve on this machine`} (give it with --key-password env:NAME or file:PATH)`,
    );
  const key = scryptSync(password.value, box.salt, nacl.secretbox.keyLength, {
    N: box.N,
    r: box.r,
    p: box.p,
    maxmem: 256 * box.N * box.r + 1024 * 1024,
  });
  const opened = nacl.secretbox.open(box.ciphertext, box.nonce, key);
  if (opened === null)
    throw new InputError(
      `the password ${password.ref} does not open the encrypted cosign key ${where} (a wrong password, or the key file was altered)`,
    );
  return Buffer.from(opened);
}
