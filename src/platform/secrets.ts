import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

/**
 * Secret references resolved on this machine: env:NAME from the server's environment, file:PATH
 * from a file (relative to the platform file). keyvault: and vault: references need their
 * providers and resolve to undefined here. Values are used, masked, and never stored.
 */
export function resolveSecret(ref: string, baseDir: string): string | undefined {
  const colon = ref.indexOf(":");
  const scheme = ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  if (scheme === "env") return process.env[rest];
  if (scheme === "file") {
    try {
      return readFileSync(isAbsolute(rest) ? rest : resolve(baseDir, rest), "utf8").trimEnd();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A reference as it resolves from anywhere: a relative `file:` path made absolute against the platform file's directory. */
export function absoluteReference(ref: string, baseDir: string): string {
  if (!ref.startsWith("file:")) return ref;
  const path = ref.slice("file:".length);
  return isAbsolute(path) ? ref : `file:${resolve(baseDir, path)}`;
}

/** Replaces every occurrence of the given secret values in a text. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join("********");
  return out;
}
