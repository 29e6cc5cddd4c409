import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { publicKey } from "../../src/artifacts/keys.js";
import { imageProvenance, provenanceStatement, SLSA_PROVENANCE_V1 } from "../../src/artifacts/provenance.js";
import { imageSignatures } from "../../src/artifacts/signatures.js";
import type { BuildManifest } from "../../src/ci/manifest.js";
import { RegistryClient } from "../../src/registry/client.js";
import { cliBundle } from "../support/cli-bundle.js";
import { encryptedCosignKey } from "../support/cosign-key.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

async function quikship(cwd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [await cliBundle(), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((done) => child.once("close", done));
  return { code, stdout, stderr };
}

function manifestFor(digest: string): BuildManifest {
  return {
    version: 1,
    service: "api",
    tag: "v1",
    image: "api:v1",
    digest,
    source: { branch: "main" },
    commit: COMMIT,
    commitTime: "2026-12-01T10:00:00Z",
    builder: "buildah",
    startedAt: "2026-12-01T10:01:00Z",
    finishedAt: "2026-12-01T10:03:00Z",
    steps: [{ step: "build", status: "done", ms: 1200 }],
  };
}

describe("quikship ci sign and ci attest against a real registry", () => {
  let registry: TestRegistry;
  let dir: string;
  const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const privatePem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const trusted = publicKey(pair.publicKey.export({ type: "spki", format: "pem" }).toString(), ".");

  before(async () => {
    registry = await startRegistry();
    dir = mkdtempSync(join(tmpdir(), "quikship-sign-"));
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
    writeFileSync(join(dir, "cosign.key"), privatePem);
  });
  after(async () => {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs the digest a tag names with a key from a file reference, and the signature verifies", async () => {
    const digest = await pushImage(registry, "team/api", "v1", { content: "cli signed" });
    const result = await quikship(dir, ["ci", "sign", "api", "--tag", "v1", "--key", "file:cosign.key", "-o", "json"]);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { image: string; tag: string; keyId: string };
    assert.equal(out.image, `${registry.host}/team/api@${digest}`);
    assert.equal(out.keyId, trusted.id);
    const client = new RegistryClient({ host: registry.host });
    const image = { client, repository: "team/api", name: `${registry.host}/team/api` };
    assert.deepEqual(await imageSignatures(image, digest, [trusted]), [
      { status: "verified", keyId: trusted.id, keySource: "inline" },
    ]);
  });

  it("attaches SLSA provenance from a build manifest, signed in a DSSE envelope, naming builder and commit", async () => {
    const digest = await pushImage(registry, "team/api", "v2", { content: "cli attested" });
    writeFileSync(join(dir, "build-manifest.json"), JSON.stringify(manifestFor(digest)));
    const result = await quikship(
      dir,
      ["ci", "attest", "--key", "env:SIGNING_KEY", "--source-uri", "https://git.example/team/app"],
      {
        SIGNING_KEY: privatePem,
        GITHUB_SERVER_URL: "https://github.example",
        GITHUB_REPOSITORY: "team/app",
        GITHUB_RUN_ID: "42",
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /attached SLSA provenance to \S+\/team\/api@sha256:[a-f0-9]{64}, signed with key/);
    const client = new RegistryClient({ host: registry.host });
    const image = { client, repository: "team/api", name: `${registry.host}/team/api` };
    assert.deepEqual(await imageProvenance(image, digest, [trusted]), [
      {
        predicateType: SLSA_PROVENANCE_V1,
        builderId: "https://github.example/team/app/actions/runs/42",
        commit: COMMIT,
        buildType: "https://quikship.dev/provenance/ci-build/v1",
        verifiedBy: trusted.id,
      },
    ]);
    const other = publicKey(
      generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString(),
      ".",
    );
    assert.equal((await imageProvenance(image, digest, [other]))[0]!.verifiedBy, null);
    const statement = provenanceStatement("x/api", manifestFor(digest), {
      builderId: "b",
      sourceUri: "https://git.example/team/app",
    });
    assert.deepEqual(
      (statement.predicate as { buildDefinition: { resolvedDependencies: unknown } }).buildDefinition
        .resolvedDependencies,
      [{ uri: "git+https://git.example/team/app@refs/heads/main", digest: { gitCommit: COMMIT } }],
    );
  });

  it("signs with the encrypted key cosign generate-key-pair writes, its password from COSIGN_PASSWORD or --key-password", async () => {
    const digest = await pushImage(registry, "team/api", "v3", { content: "encrypted key" });
    const encrypted = encryptedCosignKey(pair.privateKey, "s3cret-pass");
    const result = await quikship(
      dir,
      ["ci", "sign", "api", "--digest", digest, "--key", "env:COSIGN_KEY", "-o", "json"],
      {
        COSIGN_KEY: encrypted,
        COSIGN_PASSWORD: "s3cret-pass",
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { keyId: string }).keyId, trusted.id);
    const client = new RegistryClient({ host: registry.host });
    const image = { client, repository: "team/api", name: `${registry.host}/team/api` };
    assert.deepEqual(await imageSignatures(image, digest, [trusted]), [
      { status: "verified", keyId: trusted.id, keySource: "inline" },
    ]);

    writeFileSync(
      join(dir, "cosign-v1.key"),
      encryptedCosignKey(pair.privateKey, "other", { type: "COSIGN", N: 16384 }),
    );
    writeFileSync(join(dir, "cosign.password"), "other\n");
    writeFileSync(join(dir, "build-manifest.json"), JSON.stringify(manifestFor(digest)));
    const attested = await quikship(dir, [
      "ci",
      "attest",
      "--key",
      "file:cosign-v1.key",
      "--key-password",
      "file:cosign.password",
      "--builder-id",
      "local",
    ]);
    assert.equal(attested.code, 0, attested.stderr);
    assert.equal((await imageProvenance(image, digest, [trusted]))[0]!.verifiedBy, trusted.id);
  });

  it("refuses a wrong password in one line, exit 1, without the password or a stack trace, and signs nothing", async () => {
    const digest = await pushImage(registry, "team/api", "v4", { content: "wrong password" });
    const result = await quikship(dir, ["ci", "sign", "api", "--digest", digest, "--key", "env:COSIGN_KEY"], {
      COSIGN_KEY: encryptedCosignKey(pair.privateKey, "s3cret-pass"),
      COSIGN_PASSWORD: "not-the-pass",
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /the password env:COSIGN_PASSWORD does not open the encrypted cosign key env:COSIGN_KEY \(a wrong password/,
    );
    assert.doesNotMatch(result.stderr, /not-the-pass|s3cret-pass|\n\s+at /);
    const client = new RegistryClient({ host: registry.host });
    const image = { client, repository: "team/api", name: `${registry.host}/team/api` };
    assert.deepEqual(await imageSignatures(image, digest, [trusted]), []);

    const unset = await quikship(dir, ["ci", "sign", "api", "--digest", digest, "--key", "env:COSIGN_KEY"], {
      COSIGN_KEY: encryptedCosignKey(pair.privateKey, "s3cret-pass"),
      COSIGN_PASSWORD: "",
    });
    assert.equal(unset.code, 1);
  });

  it("refuses a key reference that does not resolve, naming it, and signs nothing", async () => {
    const result = await quikship(dir, ["ci", "sign", "api", "--tag", "v1", "--key", "env:NO_SUCH_KEY"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the signing key env:NO_SUCH_KEY does not resolve on this machine/);
    const plain = await quikship(dir, ["ci", "sign", "api", "--tag", "v1", "--key", "cosign.key"]);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /give a secret reference, env:NAME or file:PATH/);
  });
});
