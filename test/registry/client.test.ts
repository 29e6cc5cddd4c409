import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NotFoundError, UnavailableError } from "../../src/errors.js";
import { RegistryClient } from "../../src/registry/client.js";
import { RegistryAuthError } from "../../src/registry/errors.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";
import { startTokenService } from "../support/registry-token.js";
import type { TokenService } from "../support/registry-token.js";

const DIGEST = /^sha256:[a-f0-9]{64}$/;

describe("the registry client against an open registry", () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  before(async () => {
    registry = await startRegistry();
    client = new RegistryClient({ host: registry.host });
  });
  after(() => registry.stop());

  it("resolves a tag of a single image to the digest skopeo pushed", async () => {
    const pushed = await pushImage(registry, "team/api", "v1.0.0", { content: "api one" });
    assert.match(pushed, DIGEST);
    assert.equal(await client.resolve("team/api", "v1.0.0"), pushed);
  });

  it("resolves a tag of an image index to the index's own digest, and reads the amd64 image's labels", async () => {
    const pushed = await pushImage(registry, "team/multi", "v2", {
      content: "multi",
      index: true,
      labels: { "org.opencontainers.image.revision": "abc123" },
    });
    assert.equal(await client.resolve("team/multi", "v2"), pushed);
    const manifest = await client.manifest("team/multi", "v2");
    assert.equal(manifest.mediaType, "application/vnd.oci.image.index.v1+json");
    const config = await client.config("team/multi", "v2");
    assert.equal(config.architecture, "amd64");
    assert.deepEqual(config.labels, { "org.opencontainers.image.revision": "abc123" });
    assert.notEqual(config.manifestDigest, pushed);
  });

  it("lists tags, and a moved tag resolves to the new digest", async () => {
    const first = await pushImage(registry, "team/tags", "a", { content: "a" });
    await pushImage(registry, "team/tags", "b", { content: "b" });
    const moved = await pushImage(registry, "team/tags", "a", { content: "a again" });
    assert.notEqual(first, moved);
    assert.deepEqual((await client.tags("team/tags")).sort(), ["a", "b"]);
    assert.equal(await client.resolve("team/tags", "a"), moved);
  });

  it("deletes a manifest by digest, after which its tag is gone with the registry's answer", async () => {
    const digest = await pushImage(registry, "team/gone", "old", { content: "old" });
    await client.deleteManifest("team/gone", digest);
    await assert.rejects(client.resolve("team/gone", "old"), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.match(e.message, /team\/gone has no tag old \(MANIFEST_UNKNOWN: manifest unknown\)/);
      return true;
    });
    await assert.rejects(client.deleteManifest("team/gone", digest), NotFoundError);
  });

  it("says a tag does not exist, naming the registry and the repository", async () => {
    await assert.rejects(
      client.resolve("team/api", "v9.9.9"),
      /registry 127\.0\.0\.1:\d+: team\/api has no tag v9\.9\.9/,
    );
  });

  it("pushes a blob and a manifest of its own, and reads them back by digest", async () => {
    const blob = await client.pushBlob("team/own", Buffer.from("{}"));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: blob, size: 2 },
        layers: [],
      }),
    );
    const digest = await client.pushManifest("team/own", "x1", manifest, "application/vnd.oci.image.manifest.v1+json");
    assert.equal(await client.resolve("team/own", "x1"), digest);
    assert.equal((await client.blob("team/own", blob)).toString(), "{}");
  });
});

describe("the registry client's authentication", () => {
  it("sends basic credentials when htpasswd asks, and names the credential reference when they are wrong", async () => {
    const registry = await startRegistry({ auth: true });
    try {
      const pushed = await pushImage(registry, "team/api", "v1", { content: "basic" });
      const { user, password } = registry.auth!;
      const ok = new RegistryClient({
        host: registry.host,
        credential: { kind: "basic", username: user, password, ref: "env:REGISTRY_PASSWORD" },
      });
      assert.equal(await ok.resolve("team/api", "v1"), pushed);
      const wrong = new RegistryClient({
        host: registry.host,
        credential: { kind: "basic", username: user, password: "wrong", ref: "env:WRONG_PASSWORD" },
      });
      await assert.rejects(wrong.resolve("team/api", "v1"), (e: unknown) => {
        assert.ok(e instanceof RegistryAuthError);
        assert.equal(e.status, 401);
        assert.match(e.message, /registry 127\.0\.0\.1:\d+ \(credentials env:WRONG_PASSWORD\) refused/);
        assert.doesNotMatch(e.message, /wrong/);
        return true;
      });
      const anonymous = new RegistryClient({ host: registry.host });
      await assert.rejects(anonymous.tags("team/api"), /anonymous: the platform gives it no credentials/);
    } finally {
      await registry.stop();
    }
  });

  describe("with a bearer token service", () => {
    let tokens: TokenService;
    let registry: TestRegistry;
    before(async () => {
      tokens = await startTokenService();
      registry = await startRegistry({ token: tokens.auth });
    });
    after(async () => {
      await registry.stop();
      await tokens.stop();
    });

    it("answers the challenge with a token for the scope, and reuses it for the next request", async () => {
      const pushed = await pushImage(registry, "team/api", "v1", { content: "bearer" });
      const { user, password } = registry.auth!;
      const client = new RegistryClient({
        host: registry.host,
        credential: { kind: "basic", username: user, password, ref: "file:registry.password" },
      });
      const before = tokens.issued();
      assert.equal(await client.resolve("team/api", "v1"), pushed);
      assert.deepEqual(await client.tags("team/api"), ["v1"]);
      assert.equal(await client.resolve("team/api", "v1"), pushed);
      assert.equal(tokens.issued() - before, 1);
    });

    it("refuses an anonymous token without access, and a bad credential at the token service", async () => {
      await pushImage(registry, "team/private", "v1", { content: "private" });
      await assert.rejects(
        new RegistryClient({ host: registry.host }).resolve("team/private", "v1"),
        RegistryAuthError,
      );
      const bad = new RegistryClient({
        host: registry.host,
        credential: { kind: "basic", username: "someone", password: "guess", ref: "env:BAD" },
      });
      await assert.rejects(
        bad.resolve("team/private", "v1"),
        /\(credentials env:BAD\) refused a token for repository:team\/private:pull/,
      );
    });
  });
});

describe("the registry client when the registry is down", () => {
  it("throws a retryable error naming the registry", async () => {
    const registry = await startRegistry();
    const host = registry.host;
    await registry.stop();
    const client = new RegistryClient({ host, timeoutMs: 2000 });
    await assert.rejects(client.resolve("team/api", "v1"), (e: unknown) => {
      assert.ok(e instanceof UnavailableError);
      assert.equal(e.retryable, true);
      assert.match(e.message, new RegExp(`registry ${host.replace(/\./g, "\\.")} is unreachable`));
      return true;
    });
  });
});
