/**
 * The real skopeo as a peer for cosign-format signatures: a policy that trusts one public key
 * (`sigstoreSigned`) with sigstore attachments turned on (`use-sigstore-attachments`), and copies
 * under it. Debian builds skopeo with sigstore signing and verification patched out ("Debian-local
 * change: sigstore disabled"); `SIGSTORE_DISABLED` names that answer so tests can tell it apart.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SKOPEO } from "./oci-image.js";

export const SIGSTORE_DISABLED = /Debian-local change: sigstore disabled/;

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

/** `skopeo copy` between two docker references, with sigstore attachments on; `policyDir` or an insecure policy. */
export async function skopeoCopy(from: string, to: string, policyDir: string | undefined): Promise<SkopeoResult> {
  const scratch = mkdtempSync(join(tmpdir(), "quikship-skopeo-run-"));
  mkdirSync(join(scratch, "registries.d"));
  writeFileSync(join(scratch, "registries.d", "default.yaml"), "default-docker:\n  use-sigstore-attachments: true\n");
  const policy = policyDir
    ? ["--policy", join(policyDir, "policy.json"), "--registries.d", join(policyDir, "registries.d")]
    : ["--insecure-policy", "--registries.d", join(scratch, "registries.d")];
  const dest = to.startsWith("docker://") ? ["--dest-tls-verify=false"] : [];
  try {
    await promisify(execFile)(SKOPEO, [...policy, "copy", "--src-tls-verify=false", ...dest, from, to], {
      timeout: 60_000,
    });
    return { ok: true, stderr: "" };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: unknown }).stderr ?? error) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
