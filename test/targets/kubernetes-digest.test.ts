import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { V1Deployment } from "@kubernetes/client-node";
import type { Environment, Service } from "../../src/config/types.js";
import { kustomizeBuild } from "../../src/manifests/build.js";
import { revisionRendering } from "../../src/store/revisions/rendering.js";
import { quikappEnvironment, revisionRequest, startKubeTarget } from "./kubernetes-support.js";
import type { KubeTargetRig } from "./kubernetes-support.js";

/**
 * The digest the pin-images step pinned (`revisions.digest`) reaches the cluster: the revision's
 * rendering carries it as the overlay's Kustomize `images[].digest`, and the Deployment the
 * kubernetes target applies to the Kubernetes API test double runs `image:tag@sha256:…`.
 */
const DIGEST = `sha256:${"5e".repeat(32)}`;
let rig: KubeTargetRig;
let live: Environment;
let auth: Service;
let dir: string;

before(async () => {
  rig = await startKubeTarget(["live"]);
  live = quikappEnvironment(rig.platform, "live");
  auth = rig.platform.services["auth-service"]!;
  dir = mkdtempSync(join(tmpdir(), "quikship-digest-"));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await rig.close();
});

describe("a pinned digest on Kubernetes", () => {
  it("applies the revision's Deployment with image:tag@digest, from images[].digest in its stored rendering", async () => {
    const one = await rig.revision(live, auth, "v1.4.0", DIGEST);
    await rig.target.ensureRevision(revisionRequest(live, auth, one, "v1.4.0", 2, DIGEST), AbortSignal.timeout(5_000));
    const applied = await rig.kubectl.json<V1Deployment>(["get", "deployment", `auth-service-r${one}`]);
    const image = `${auth.image}:v1.4.0@${DIGEST}`;
    assert.equal(applied.spec?.template.spec?.containers[0]?.image, image);

    const stored = await revisionRendering(rig.db.kysely, { environment: "live", service: auth.name, number: one });
    const overlay = stored?.files.find((f) => f.path === `overlays/live/${auth.name}/kustomization.yaml`);
    assert.match(overlay?.content ?? "", new RegExp(`digest: "?${DIGEST}"?\\n`));
    // The real kustomize builds the stored tree into the same image.
    for (const f of stored!.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const built = kustomizeBuild(join(dir, "overlays", "live"));
    assert.ok(built.includes(`image: ${image}`), built);
  });

  it("runs the tag alone where no digest was pinned (registry: none)", async () => {
    const two = await rig.revision(live, auth, "v1.5.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, two, "v1.5.0", 2), AbortSignal.timeout(5_000));
    const applied = await rig.kubectl.json<V1Deployment>(["get", "deployment", `auth-service-r${two}`]);
    assert.equal(applied.spec?.template.spec?.containers[0]?.image, `${auth.image}:v1.5.0`);
  });
});
