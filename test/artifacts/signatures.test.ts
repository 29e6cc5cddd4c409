import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { publicKey, signingKey } from "../../src/artifacts/keys.js";
import type { PublicKey } from "../../src/artifacts/keys.js";
import { imageSignatures, signImage } from "../../src/artifacts/signatures.js";
import { RegistryClient } from "../../src/registry/client.js";
import { pushImage } from "../support/oci-image.js";
import { startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";
import { requireSigstoreSkopeo, sigstorePolicy, skopeoCopy, skopeoKeyPair } from "../support/skopeo-sigstore.js";

function keyPair(): { privatePem: string; publicPem: string; trusted: PublicKey } {
  const { privateKey, publicKey: pub } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const publicPem = pub.export({ type: "spki", format: "pem" }).toString();
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem,
    trusted: publicKey(publicPem, "."),
  };
}

describe("cosign-format signatures in a real registry", () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const release = keyPair();
  const stranger = keyPair();
  const location = (repository: string) => ({ client, repository, name: `${registry.host}/${repository}` });

  before(async () => {
    registry = await startRegistry();
    client = new RegistryClient({ host: registry.host });
  });
  after(() => registry.stop());

  it("signs a digest under the sha256-<hex>.sig tag and verifies it with the public key, not with another", async () => {
    const digest = await pushImage(registry, "team/api", "v1", { content: "signed api" });
    const signed = await signImage(location("team/api"), digest, signingKey(release.privatePem, "env:COSIGN_KEY"));
    assert.equal(signed.tag, `${digest.replace(":", "-")}.sig`);
    assert.ok((await client.tags("team/api")).includes(signed.tag));
    const checks = await imageSignatures(location("team/api"), digest, [stranger.trusted, release.trusted]);
    assert.deepEqual(checks, [{ status: "verified", keyId: release.trusted.id, keySource: "inline" }]);
    assert.deepEqual(await imageSignatures(location("team/api"), digest, [stranger.trusted]), [
      { status: "untrusted", reason: "signed by no trusted key" },
    ]);
  });

  it("adds a second key's signature beside the first, once, and a signature of one digest does not sign another", async () => {
    const digest = await pushImage(registry, "team/two", "v1", { content: "two keys" });
    const other = await pushImage(registry, "team/two", "v2", { content: "two keys, other" });
    await signImage(location("team/two"), digest, signingKey(release.privatePem, "k1"));
    await signImage(location("team/two"), digest, signingKey(stranger.privatePem, "k2"));
    await signImage(location("team/two"), digest, signingKey(stranger.privatePem, "k2"));
    const checks = await imageSignatures(location("team/two"), digest, [release.trusted, stranger.trusted]);
    assert.equal(checks.length, 2);
    assert.ok(checks.every((c) => c.status === "verified"));
    assert.deepEqual(await imageSignatures(location("team/two"), other, [release.trusted]), []);
  });

  it("refuses a signing key that is not ECDSA P-256, naming its reference and not its value", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    assert.throws(() => signingKey(pem, "env:COSIGN_KEY"), /env:COSIGN_KEY is not an ECDSA P-256 key/);
    assert.throws(
      () => signingKey("not a key", "file:cosign.key"),
      (e: unknown) => {
        assert.match(String(e), /file:cosign\.key is not a PEM private key/);
        assert.doesNotMatch(String(e), /not a key/);
        return true;
      },
    );
  });

  describe("with skopeo as the peer", () => {
    before(() => requireSigstoreSkopeo());

    it("a quikship signature verifies under a skopeo sigstoreSigned policy, and a policy of another key rejects it", async () => {
      const digest = await pushImage(registry, "team/peer", "v1", { content: "peer" });
      await signImage(location("team/peer"), digest, signingKey(release.privatePem, "k"));
      const out = mkdtempSync(join(tmpdir(), "quikship-skopeo-out-"));
      const trusting = sigstorePolicy(`${registry.host}/team/peer`, release.publicPem);
      const other = sigstorePolicy(`${registry.host}/team/peer`, stranger.publicPem);
      try {
        const source = `docker://${registry.host}/team/peer@${digest}`;
        const accepted = await skopeoCopy(source, `dir:${join(out, "a")}`, trusting.dir);
        assert.equal(accepted.ok, true, accepted.stderr);
        const rejected = await skopeoCopy(source, `dir:${join(out, "b")}`, other.dir);
        assert.equal(rejected.ok, false);
        assert.match(rejected.stderr, /signature/i);
        // Unsigned, the same policy refuses: the acceptance above was the signature's doing.
        const unsigned = await pushImage(registry, "team/peer", "v2", { content: "peer, unsigned" });
        const refused = await skopeoCopy(
          `docker://${registry.host}/team/peer@${unsigned}`,
          `dir:${join(out, "c")}`,
          trusting.dir,
        );
        assert.equal(refused.ok, false);
      } finally {
        trusting.remove();
        other.remove();
        rmSync(out, { recursive: true, force: true });
      }
    });

    it("an image skopeo signed (copy --sign-by-sigstore-private-key) verifies in quikship with skopeo's public key, and quikship signs with skopeo's encrypted private key", async () => {
      const keys = mkdtempSync(join(tmpdir(), "quikship-skopeo-keys-"));
      try {
        const pair = await skopeoKeyPair(keys, "correct horse");
        const theirs = publicKey(readFileSync(pair.publicKeyPath, "utf8"), ".");
        const digest = await pushImage(registry, "team/staging", "v1", { content: "signed by skopeo" });
        const copied = await skopeoCopy(
          `docker://${registry.host}/team/staging@${digest}`,
          `docker://${registry.host}/team/signed:v1`,
          undefined,
          { privateKeyPath: pair.privateKeyPath, passphrase: "correct horse" },
        );
        assert.equal(copied.ok, true, copied.stderr);
        // skopeo may re-encode the manifest it copies: what it signed is what the registry now has.
        const signed = (await client.manifest("team/signed", "v1")).digest;
        assert.ok((await client.tags("team/signed")).includes(`${signed.replace(":", "-")}.sig`));
        assert.deepEqual(await imageSignatures(location("team/signed"), signed, [release.trusted, theirs]), [
          { status: "verified", keyId: theirs.id, keySource: "inline" },
        ]);
        assert.deepEqual(await imageSignatures(location("team/signed"), signed, [release.trusted]), [
          { status: "untrusted", reason: "signed by no trusted key" },
        ]);
        // The key file skopeo wrote (cosign's encrypted format) signs in quikship too, and skopeo's policy accepts it.
        const pem = readFileSync(pair.privateKeyPath, "utf8");
        const key = signingKey(pem, "file:skopeo-key.private", { ref: "env:PASSWORD", value: "correct horse" });
        const other = await pushImage(registry, "team/ours", "v1", { content: "signed by quikship, skopeo's key" });
        await signImage(location("team/ours"), other, key);
        const policy = sigstorePolicy(`${registry.host}/team/ours`, readFileSync(pair.publicKeyPath, "utf8"));
        try {
          const verified = await skopeoCopy(
            `docker://${registry.host}/team/ours@${other}`,
            `dir:${join(keys, "out")}`,
            policy.dir,
          );
          assert.equal(verified.ok, true, verified.stderr);
        } finally {
          policy.remove();
        }
      } finally {
        rmSync(keys, { recursive: true, force: true });
      }
    });

    it("skopeo reads quikship's signature attachment and writes it anew in another repository, where quikship verifies what skopeo wrote", async () => {
      const digest = await pushImage(registry, "team/carried", "v1", { content: "carried" });
      await signImage(location("team/carried"), digest, signingKey(release.privatePem, "k"));
      const ours = await client.manifest("team/carried", `${digest.replace(":", "-")}.sig`);
      const copied = await skopeoCopy(
        `docker://${registry.host}/team/carried@${digest}`,
        `docker://${registry.host}/mirror/carried:v1`,
        undefined,
      );
      assert.equal(copied.ok, true, copied.stderr);
      const theirs = await client.manifest("mirror/carried", `${digest.replace(":", "-")}.sig`);
      assert.notEqual(theirs.digest, ours.digest, "skopeo wrote its own attachment manifest");
      assert.deepEqual(
        theirs.json.layers?.map((l) => [l.digest, l.annotations]),
        ours.json.layers?.map((l) => [l.digest, l.annotations]),
      );
      // The signed identity stays the repository the image was signed in.
      const mirror = { client, repository: "mirror/carried", name: `${registry.host}/team/carried` };
      assert.deepEqual(await imageSignatures(mirror, digest, [release.trusted]), [
        { status: "verified", keyId: release.trusted.id, keySource: "inline" },
      ]);
      assert.deepEqual(await imageSignatures(location("mirror/carried"), digest, [release.trusted]), [
        { status: "untrusted", reason: `signs another repository (${registry.host}/team/carried)` },
      ]);
    });
  });
});
