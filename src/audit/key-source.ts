/**
 * Where the audit key comes from: a file (`--audit-key`, `QUIKSHIP_AUDIT_KEY_FILE`) or the
 * environment (`QUIKSHIP_AUDIT_KEY`, the PEM text). Never from the state directory: whoever can
 * write there could then sign, so a key file inside it is refused.
 */
import { generateKeyPairSync } from "node:crypto";
import { realpathSync, statSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, isAbsolute } from "node:path";
import { InputError } from "../errors.js";
import { auditKeyFromPem } from "./anchor.js";
import type { AuditKey } from "./anchor.js";

export interface AuditKeySource {
  /** A PEM file holding the Ed25519 private key. */
  file?: string;
  /** The environment to read `QUIKSHIP_AUDIT_KEY` and `QUIKSHIP_AUDIT_KEY_FILE` from. */
  env: NodeJS.ProcessEnv;
  stateDir: string;
}

/** The audit key, or undefined when none is given (the log is then hash-chained but not anchored). */
export function loadAuditKey({ file, env, stateDir }: AuditKeySource): AuditKey | undefined {
  const path = file ?? (env.QUIKSHIP_AUDIT_KEY_FILE || undefined);
  if (path !== undefined) return auditKeyFromPem(readKeyFile(resolve(path), stateDir), `audit key file ${path}`);
  const pem = env.QUIKSHIP_AUDIT_KEY;
  return pem ? auditKeyFromPem(pem, "QUIKSHIP_AUDIT_KEY") : undefined;
}

function readKeyFile(path: string, stateDir: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw new InputError(`cannot read the audit key file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (isInside(real, realOrResolved(stateDir)))
    throw new InputError(
      `the audit key file ${path} is inside the state directory ${stateDir}; keep it elsewhere (anyone who can write the state directory could otherwise sign checkpoints)`,
    );
  if ((statSync(real).mode & 0o077) !== 0)
    throw new InputError(`the audit key file ${path} is readable by others; make it private: chmod 600 ${path}`);
  return readFileSync(real, "utf8");
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not created yet: its parent may be a link, as /tmp is on some systems.
    return resolve(realOrResolved(dirname(resolve(path))), relative(dirname(resolve(path)), resolve(path)));
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Writes a new Ed25519 private key as PKCS#8 PEM, readable by its owner only; refuses to overwrite. */
export function writeNewAuditKey(path: string): { keyId: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: "wx" });
  } catch (error) {
    throw new InputError(`cannot write the audit key to ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { keyId: auditKeyFromPem(pem, path).keyId };
}
