import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { buildService } from "../../src/manifests/built.js";
import { renderEnvironment } from "../../src/manifests/render.js";
import { writeTree } from "../../src/manifests/tree.js";
import { buildOverlay, parseStream, removeTempDirs, requireKubectl, tempDir } from "./support.js";

after(removeTempDirs);

const DIGEST = `sha256:${"4f".repeat(32)}`;
const SERVICE = "auth-service";

function containerImages(objects: { kind: string; spec?: Record<string, unknown> }[]): string[] {
  const deployment = objects.find((o) => o.kind === "Deployment") as
    { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined;
  return (deployment?.spec.template.spec.containers ?? []).map((c) => c.image);
}

describe("a pinned digest in the Kustomize rendering", () => {
  let platform: Platform;
  before(() => {
    requireKubectl();
    platform = loadPlatformOrThrow("examples/quikapp").platform;
  });

  it("is written as images[].digest beside the tag, and kubectl kustomize and the in-process build both run image:tag@digest", async () => {
    const rendering = renderEnvironment(platform, "live", {
      services: [SERVICE],
      tags: { [SERVICE]: "v3.0.0" },
      digests: { [SERVICE]: DIGEST },
    });
    const overlay = rendering.files.find((f) => f.path === `overlays/live/${SERVICE}/kustomization.yaml`);
    assert.match(
      overlay?.content ?? "",
      new RegExp(`- digest: "${DIGEST}"\\n\\s+name: \\S+/auth-service\\n\\s+newTag: v3\\.0\\.0`),
    );
    const root = tempDir();
    writeTree(root, rendering);
    const theirs = containerImages(parseStream(await buildOverlay(`${root}/overlays/live`)));
    const image = platform.services[SERVICE]!.image;
    assert.deepEqual(theirs, [`${image}:v3.0.0@${DIGEST}`]);
    assert.deepEqual(
      containerImages(buildService(platform, "live", SERVICE, "v3.0.0", { digest: DIGEST }).objects),
      theirs,
    );
  });

  it("is left out when no digest is pinned, and a digest that is not sha256 is refused naming the service", () => {
    const plain = buildService(platform, "live", SERVICE, "v3.0.0").objects;
    assert.match(containerImages(plain)[0] ?? "", /:v3\.0\.0$/);
    assert.throws(
      () => renderEnvironment(platform, "live", { services: [SERVICE], digests: { [SERVICE]: "md5:abc" } }),
      /image digest "md5:abc" of auth-service is not a sha256 digest/,
    );
  });
});
