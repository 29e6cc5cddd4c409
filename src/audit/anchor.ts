/**
 * The audit chain's anchor: checkpoints of the chain's head signed with an Ed25519 key that is
 * kept neither in the database nor in the state directory. Whoever can write both can still cut
 * or rewrite rows, but cannot sign, so verification finds a rewritten entry (its hash differs
 * from the signed one), a forged append (no checkpoint covers it) and a cut tail (a checkpoint
 * names an entry that is gone; the sink keeps checkpoints the database lost).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { InputError } from "../errors.js";
import type { AuditSigner } from "../store/db.js";
import type { AuditCheckpointRow } from "../store/rows.js";

/** A signed statement: the chain's entry `seq` had hash `hash`, written at `at`. */
export interface Checkpoint {
  seq: number;
  at: number;
  hash: string;
  keyId: string;
  signature: string;
}

/** The signed bytes; the version prefix keeps them from meaning anything else. */
export function checkpointMessage(seq: number, hash: string, at: number): Buffer {
  return Buffer.from(`quikship-audit-checkpoint/1\n${seq}\n${hash}\n${at}`, "utf8");
}

/** The audit key: signs checkpoints, and checks them with its public half. */
export interface AuditKey extends AuditSigner {
  readonly keyId: string;
  /** Whether a checkpoint was signed by this key over exactly these values. */
  verifies(checkpoint: Checkpoint): boolean;
}

/** The first 16 hex digits of sha256 of the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: "der", type: "spki" });
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

/** The key from a PKCS#8 PEM text (`openssl genpkey -algorithm ed25519`, or `quikship audit keygen`). */
export function auditKeyFromPem(pem: string, origin: string): AuditKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new InputError(`${origin} is not a PEM private key: ${(error as Error).message}`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new InputError(
      `${origin} is a ${privateKey.asymmetricKeyType ?? "symmetric"} key; the audit key must be Ed25519`,
    );
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    checkpoint(seq: number, hash: string, at: number): AuditCheckpointRow {
      const signature = sign(null, checkpointMessage(seq, hash, at), privateKey).toString("base64");
      return { seq, at, hash, key_id: keyId, signature };
    },
    verifies(c: Checkpoint): boolean {
      if (c.keyId !== keyId) return false;
      try {
        return verify(null, checkpointMessage(c.seq, c.hash, c.at), publicKey, Buffer.from(c.signature, "base64"));
      } catch {
        return false;
      }
    },
  };
}

export function checkpointOf(row: AuditCheckpointRow): Checkpoint {
  return { seq: row.seq, at: row.at, hash: row.hash, keyId: row.key_id, signature: row.signature };
}
