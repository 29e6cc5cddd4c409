/**
 * The real skopeo as a peer for cosign-format signatures: a policy that trusts one public key
 * (`sigstoreSigned`) with sigstore attachments turned on (`use-sigstore-attachments`), copies
 * under it, and copies that sign. Debian 12 builds skopeo with sigstore signing and verification
 * patched out ("Debian-local change: sigstore disabled"), so these use Debian 13's skopeo, which
 * `scripts/install-sigstore-skopeo.sh` (run by .ci/run) puts under .tools/skopeo/.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

/** A skopeo built with sigstore support (see scripts/install-sigstore-skopeo.sh). */
export const SIGSTORE_SKOPEO = resolve(".tools/skopeo/skopeo");

/** Throws, saying how to install it, when the sigstore-capable skopeo is missing. */
export function requireSigstoreSkopeo(): void {
  try {
    accessSync(SIGSTORE_SKOPEO, constants.X_OK);
  } catch {
    throw new Error(`${SIGSTORE_SKOPEO} is missing: run scripts/install-sigstore-skopeo.sh (as root) first`);
  }
}

export interface SkopeoResult {
  ok: boolean;
  stderr: string;
}

/** A directory with policy.json (trusting `publicKeyPem` for `repository`) and registries.d/. */
export function sigstorePolicy(repository: string, publicKeyPem: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-skopeo-"));
  writeFileSync(join(dir, "key.pub"), publicKeyPem);
  const requirement = {
    type: "sigstoreSigned",
    keyPath: join(dir, "key.pub"),
    signedIdentity: { type: "matchRepository" },
  };
  const policy = { default: [{ type: "reject" }], transports: { docker: { [repository]: [requirement] } } };
  writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  mkdirSync(join(dir, "registries.d"));
  writeFileSync(join(dir, "registries.d", "default.yaml"), "default-docker:\n  use-sigstore-attachments: true\n");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What `skopeo copy` signs the copy with: a sigstore private key (cosign's encrypted format) and its passphrase. */
export interface SkopeoSigning {
  privateKeyPath: string;
  passphrase: string;
}

/** `skopeo generate-sigstore-key`: a key pair in cosign's formats, written as PREFIX.private and PREFIX.pub. */
export async function skopeoKeyPair(
  dir: string,
  passphrase: string,
): Promise<{ privateKeyPath: string; publicKeyPath: string }> {
  const prefix = join(dir, "skopeo-key");
  writeFileSync(join(dir, "passphrase"), passphrase);
  await promisify(execFile)(SIGSTORE_SKOPEO, [
    "generate-sigstore-key",
    "--output-prefix",
    prefix,
    "--passphrase-file",
    join(dir, "passphrase"),
  ]);
  return { privateKeyPath: `${prefix}.private`, publicKeyPath: `${prefix}.pub` };
}

/**
 * `skopeo copy` between two references, with sigstore attachments on; `policyDir` or an insecure
 * policy; `sign`: the copy is signed with that key.
 */
export async function skopeoCopy(
  from: string,
  to: string,
  policyDir: string | undefined,
  sign?: SkopeoSigning,
): Promise<SkopeoResult> {
  const scratch = mkdtempSync(join(tmpdir(), "quikship-skopeo-run-"));
  mkdirSync(join(scratch, "registries.d"));
  writeFileSync(join(scratch, "registries.d", "default.yaml"), "default-docker:\n  use-sigstore-attachments: true\n");
  const policy = policyDir
    ? ["--policy", join(policyDir, "policy.json"), "--registries.d", join(policyDir, "registries.d")]
    : ["--insecure-policy", "--registries.d", join(scratch, "registries.d")];
  const dest = to.startsWith("docker://") ? ["--dest-tls-verify=false"] : [];
  if (sign) {
    writeFileSync(join(scratch, "passphrase"), sign.passphrase);
    dest.push(
      "--sign-by-sigstore-private-key",
      sign.privateKeyPath,
      "--sign-passphrase-file",
      join(scratch, "passphrase"),
    );
  }
  try {
    await promisify(execFile)(SIGSTORE_SKOPEO, [...policy, "copy", "--src-tls-verify=false", ...dest, from, to], {
      timeout: 60_000,
    });
    return { ok: true, stderr: "" };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: unknown }).stderr ?? error) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
