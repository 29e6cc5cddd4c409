/**
 * The registry login of this machine, as `docker login`, `buildah login`, `skopeo login` and
 * GitHub's docker/login-action write it: the containers auth file (containers-auth.json(5)) or
 * Docker's config.json, read in the order the image tools read them. `quikship ci sign` and
 * `ci attest` use it first, so they write to the registry as the push of `ci build` did.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { isKind } from "../kind.js";
import type { RegistryCredential } from "./auth.js";
import { credentialFor } from "./images.js";

/** The auth files a login may be in, in the order they are read. */
export function authFiles(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  return [
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "containers", "auth.json") : undefined,
    join(env.XDG_CONFIG_HOME || join(home, ".config"), "containers", "auth.json"),
    join(env.DOCKER_CONFIG || join(home, ".docker"), "config.json"),
  ].filter((f): f is string => Boolean(f));
}

interface AuthFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** `https://host/v1/` → `host`; `host/team` stays (containers auth files may scope a login to a namespace). */
function normalizeKey(key: string): string {
  return key
    .replace(/^https?:\/\//, "")
    .replace(/\/v[12]\/?$/, "")
    .replace(/\/+$/, "");
}

/** The entry for `host/repository`: the longest key that is the host or a namespace above the repository. */
function matchingEntry(file: AuthFile, host: string, repository: string): { auth?: string } | undefined {
  const image = `${host}/${repository}`;
  let best: { length: number; entry: { auth?: string } } | undefined;
  for (const [key, entry] of Object.entries(file.auths ?? {})) {
    const k = normalizeKey(key);
    if ((k === host || image === k || image.startsWith(`${k}/`)) && (!best || k.length > best.length))
      best = { length: k.length, entry };
  }
  return best?.entry;
}

function fromHelper(helper: string, host: string, where: string): RegistryCredential {
  const command = `docker-credential-${helper}`;
  const r = spawnSync(command, ["get"], { input: host, encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0)
    throw new InputError(`the login of registry ${host} in ${where} is kept by ${command}, which failed to give it`);
  let body: { Username?: string; Secret?: string };
  try {
    body = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
  } catch {
    throw new InputError(`${command} gave no JSON for the login of registry ${host} (${where})`);
  }
  return { kind: "basic", username: body.Username ?? "", password: body.Secret ?? "", ref: `${command} (${where})` };
}

/** The login for `host/repository`, or undefined when none of the auth files has one. */
export function loginCredential(
  host: string,
  repository: string,
  env: NodeJS.ProcessEnv = process.env,
): RegistryCredential | undefined {
  for (const path of authFiles(env)) {
    if (!existsSync(path)) continue;
    let file: AuthFile;
    try {
      file = JSON.parse(readFileSync(path, "utf8")) as AuthFile;
    } catch {
      throw new InputError(`the registry auth file ${path} is not JSON; log in again (docker login, buildah login)`);
    }
    const entry = matchingEntry(file, host, repository);
    if (entry?.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) throw new InputError(`the login of registry ${host} in ${path} is not user:password`);
      const ref = `of the login in ${path}`;
      return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1), ref };
    }
    const helper = file.credHelpers?.[host] ?? (entry ? file.credsStore : undefined);
    if (helper) return fromHelper(helper, host, path);
  }
  return undefined;
}

/**
 * What `ci sign` and `ci attest` write to `host` with: the machine's login (what the push used),
 * else the platform's registry credential, else nothing, with a reason that says how to log in.
 */
export function ciCredential(platform: Platform, host: string, repository: string): RegistryCredential {
  const login = loginCredential(host, repository);
  if (login) return login;
  const platformCredential = credentialFor(platform, host);
  if (!isKind(platformCredential, "anonymous")) return platformCredential;
  return {
    kind: "anonymous",
    why: `no login for it in ${authFiles().join(", ")}, and the platform gives it no credentials; log in as the push does (docker login, buildah login, docker/login-action)`,
  };
}
