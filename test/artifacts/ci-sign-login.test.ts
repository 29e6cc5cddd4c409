import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { publicKey } from "../../src/artifacts/keys.js";
import { imageProvenance } from "../../src/artifacts/provenance.js";
import { imageSignatures } from "../../src/artifacts/signatures.js";
import { RegistryClient } from "../../src/registry/client.js";
import { cliBundle } from "../support/cli-bundle.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

/** `buildah login`, as a workflow's login step does, into the auth file `authfile`. */
async function buildahLogin(registry: TestRegistry, authfile: string): Promise<void> {
  const { user, password } = registry.auth!;
  const login = promisify(execFile)("buildah", [
    ...["login", "--tls-verify=false", "--authfile", authfile],
    ...["-u", user, "--password-stdin", registry.host],
  ]);
  login.child.stdin!.end(password);
  await login;
}

describe("quikship ci sign and ci attest write to the registry with the login the push used", () => {
  let registry: TestRegistry;
  let dir: string;
  let home: string;
  const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const trusted = publicKey(pair.publicKey.export({ type: "spki", format: "pem" }).toString(), ".");

  /** The CLI with nothing of this machine's own logins: HOME is an empty directory. */
  async function quikship(args: string[], env: Record<string, string> = {}) {
    const base = { ...process.env };
    for (const name of ["REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "DOCKER_CONFIG"]) delete base[name];
    const child = spawn(process.execPath, [await cliBundle(), ...args], {
      cwd: dir,
      env: { ...base, HOME: home, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const code = await new Promise<number | null>((done) => child.once("close", done));
    return { code, stdout, stderr };
  }

  const authed = () =>
    new RegistryClient({
      host: registry.host,
      credential: { kind: "basic", username: registry.auth!.user, password: registry.auth!.password, ref: "test" },
    });

  async function signatures(digest: string) {
    const image = { client: authed(), repository: "team/api", name: `${registry.host}/team/api` };
    return imageSignatures(image, digest, [trusted]);
  }

  before(async () => {
    registry = await startRegistry({ auth: true });
    dir = mkdtempSync(join(tmpdir(), "quikship-sign-login-"));
    home = join(dir, "home");
    mkdirSync(home);
    writeFileSync(
      join(dir, "quikship.yaml"),
      `version: 1
name: sign
registry: { server: "${registry.host}" }
stacks: { node: { port: 3000 } }
services:
  api: { stack: node, image: "${registry.host}/team/api" }
environments:
  dev: { tier: nonprod }
`,
    );
    writeFileSync(join(dir, "cosign.key"), pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  });
  after(async () => {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs after buildah login into REGISTRY_AUTH_FILE, with a platform that names no registry credentials", async () => {
    const digest = await pushImage(registry, "team/api", "v1", { content: "signed after buildah login" });
    const authfile = join(dir, "auth.json");
    await buildahLogin(registry, authfile);
    const result = await quikship(["ci", "sign", "api", "--digest", digest, "--key", "file:cosign.key"], {
      REGISTRY_AUTH_FILE: authfile,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await signatures(digest), [{ status: "verified", keyId: trusted.id, keySource: "inline" }]);

    const manifest = { version: 1, service: "api", tag: "v1", image: "api:v1", digest, source: { branch: "main" } };
    writeFileSync(
      join(dir, "build-manifest.json"),
      JSON.stringify({
        ...manifest,
        commit: "0123456789abcdef0123456789abcdef01234567",
        commitTime: "2026-12-01T10:00:00Z",
        builder: "buildah",
        startedAt: "2026-12-01T10:01:00Z",
        finishedAt: "2026-12-01T10:03:00Z",
        steps: [],
      }),
    );
    const attested = await quikship(["ci", "attest", "--key", "file:cosign.key", "--builder-id", "local"], {
      REGISTRY_AUTH_FILE: authfile,
    });
    assert.equal(attested.code, 0, attested.stderr);
    const image = { client: authed(), repository: "team/api", name: `${registry.host}/team/api` };
    assert.equal((await imageProvenance(image, digest, [trusted]))[0]!.verifiedBy, trusted.id);
  });

  it("signs with a login a Docker credential helper keeps (credHelpers in config.json)", async () => {
    const digest = await pushImage(registry, "team/api", "v5", { content: "credential helper" });
    const bin = join(dir, "bin");
    mkdirSync(bin, { recursive: true });
    const helper = join(bin, "docker-credential-quikshiptest");
    // The helper protocol: the server on stdin, {ServerURL, Username, Secret} on stdout.
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${registry.host}" ] || exit 1\n` +
        `printf '{"ServerURL":"%s","Username":"${registry.auth!.user}","Secret":"${registry.auth!.password}"}' "$server"\n`,
    );
    chmodSync(helper, 0o755);
    const config = join(dir, "docker-helper");
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, "config.json"), JSON.stringify({ credHelpers: { [registry.host]: "quikshiptest" } }));
    const result = await quikship(["ci", "sign", "api", "--digest", digest, "--key", "file:cosign.key"], {
      DOCKER_CONFIG: config,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await signatures(digest)).length, 1);
  });

  it("signs after a login into ~/.docker/config.json, where docker login and docker/login-action write it", async () => {
    const digest = await pushImage(registry, "team/api", "v2", { content: "signed after docker login" });
    mkdirSync(join(home, ".docker"), { recursive: true });
    await buildahLogin(registry, join(home, ".docker", "config.json"));
    try {
      const result = await quikship(["ci", "sign", "api", "--tag", "v2", "--key", "file:cosign.key", "-o", "json"]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { image: string }).image, `${registry.host}/team/api@${digest}`);
      assert.equal((await signatures(digest)).length, 1);
    } finally {
      rmSync(join(home, ".docker"), { recursive: true, force: true });
    }
  });

  it("fails without a login, naming the registry and where it looked, and signs nothing", async () => {
    const digest = await pushImage(registry, "team/api", "v3", { content: "no login" });
    const result = await quikship(["ci", "sign", "api", "--digest", digest, "--key", "file:cosign.key"]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(
        `registry ${registry.host.replace(/\./g, "\\.")} \\(anonymous: no login for it in .*\\.docker/config\\.json, and the platform gives it no credentials; log in as the push does \\(docker login, buildah login, docker/login-action\\)\\) refused`,
      ),
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.deepEqual(await signatures(digest), []);
  });

  it("fails with a login the registry refuses, naming the registry and the auth file, never the password", async () => {
    const digest = await pushImage(registry, "team/api", "v4", { content: "wrong login" });
    const authfile = join(dir, "wrong.json");
    const auth = Buffer.from(`${registry.auth!.user}:not-the-password-9f3k`).toString("base64");
    writeFileSync(authfile, JSON.stringify({ auths: { [registry.host]: { auth } } }));
    for (const args of [
      ["ci", "sign", "api", "--digest", digest, "--key", "file:cosign.key"],
      ["ci", "sign", "api", "--tag", "v4", "--key", "file:cosign.key"],
    ]) {
      const result = await quikship(args, { REGISTRY_AUTH_FILE: authfile });
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        new RegExp(
          `registry ${registry.host.replace(/\./g, "\\.")} \\(credentials of the login in ${authfile}\\) refused`,
        ),
      );
      assert.doesNotMatch(
        result.stderr + result.stdout,
        new RegExp(`not-the-password-9f3k|${auth}|${registry.auth!.password}`),
      );
    }
    assert.deepEqual(await signatures(digest), []);
  });
});
