/**
 * A throwaway OCI registry for tests: Debian's docker-registry (the CNCF distribution registry)
 * serving a temporary directory on a loopback port chosen by the kernel, deletion enabled, with or
 * without htpasswd basic auth. Shared by the CI build tests and the artifact tests.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REGISTRY_BINARY = "/usr/bin/docker-registry";

/** The user and password of a registry started with `auth: true`. */
export const REGISTRY_USER = "quikship";
export const REGISTRY_PASSWORD = "registry-test-password";
// bcrypt (cost 4) of REGISTRY_PASSWORD, made once: the registry accepts only bcrypt in htpasswd.
const PASSWORD_BCRYPT = "$2b$04$aLYBGf2NmfGZ9D1y8OAYJuHTboo4Z0Ha8j0wqDmBnbB2hYJIAI9qi";

export interface TestRegistry {
  /** host:port, e.g. 127.0.0.1:40123: what image references start with. */
  host: string;
  /** http://host:port */
  url: string;
  auth: { user: string; password: string } | undefined;
  /** The directory the registry stores blobs and manifests in. */
  dir: string;
  /** Stops it; `keepData` leaves its directory for a registry started again on it. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function registryAvailable(): boolean {
  return existsSync(REGISTRY_BINARY);
}

/** Bearer token auth (the distribution spec's token flow): the token service and the certificate its tokens are signed with. */
export interface TokenAuth {
  realm: string;
  service: string;
  issuer: string;
  /** PEM of the certificate that signs tokens (their x5c chain ends at it). */
  certificate: string;
}

function config(dir: string, auth: boolean, token: TokenAuth | undefined, port: number): string {
  const lines = [
    "version: 0.1",
    "log:",
    "  level: info",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    "  secret: quikship-test-registry",
  ];
  if (auth) lines.push("auth:", "  htpasswd:", "    realm: quikship-test", `    path: ${join(dir, "htpasswd")}`);
  if (token)
    lines.push(
      "auth:",
      "  token:",
      `    realm: ${token.realm}`,
      `    service: ${token.service}`,
      `    issuer: ${token.issuer}`,
      `    rootcertbundle: ${join(dir, "token.pem")}`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * Starts a registry and resolves once it listens (its log names the port). `dir` and `port` bring
 * back a registry stopped with `keepData` (the port the kernel gave it before): a registry that
 * was down and returns.
 */
export async function startRegistry(
  options: { auth?: boolean; token?: TokenAuth; dir?: string; port?: number } = {},
): Promise<TestRegistry> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "quikship-registry-"));
  const auth = options.auth === true;
  if (auth) writeFileSync(join(dir, "htpasswd"), `${REGISTRY_USER}:${PASSWORD_BCRYPT}\n`);
  if (options.token) writeFileSync(join(dir, "token.pem"), options.token.certificate);
  writeFileSync(join(dir, "config.yml"), config(dir, auth, options.token, options.port ?? 0));
  const child: ChildProcess = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const host = await new Promise<string>((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(log);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`docker-registry exited before listening:\n${log}`)));
  });
  return {
    host,
    url: `http://${host}`,
    auth: auth || options.token ? { user: REGISTRY_USER, password: REGISTRY_PASSWORD } : undefined,
    dir,
    async stop(stopOptions: { keepData?: boolean } = {}) {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      if (!stopOptions.keepData) rmSync(dir, { recursive: true, force: true });
    },
  };
}
