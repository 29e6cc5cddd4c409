import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RevisionDiff } from "../../src/cli/commands/render-revision.js";
import { json, quikship } from "../cli/support.js";
import type { KubeServer } from "./server-support.js";
import { KubeApi, startKubeServer } from "./server-support.js";

const PLATFORM = `version: 1
name: quikapp
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node, image: registry.local/api, variables: { LOG_LEVEL: info } }
  web: { stack: node, image: registry.local/web }
environments:
  dev:
    tier: nonprod
    target: kubernetes
    registry: none
    cluster: dev
    namespace: quikapp-dev
    minReady: 0s
    progressDeadline: 30s
    replicas: { min: 1, max: 3 }
`;

let kube: KubeServer;

/** `quikship render dev --diff …` against the server, with the platform file the server was started on. */
const render = (...args: string[]) =>
  quikship(["render", "dev", "-c", join(kube.dir, "quikship.yaml"), "--diff", ...args], {
    env: { QUIKSHIP_SERVER: kube.server.url, QUIKSHIP_STATE: kube.state },
  });

describe("quikship render --diff against the renderings the kubernetes target stored with the revisions", () => {
  before(async () => {
    kube = await startKubeServer(PLATFORM);
    const api = new KubeApi(kube);
    for (const tag of ["v1.0.0", "v1.1.0"]) {
      const run = await api.run("deploy", ["api"], { tag });
      assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    }
  });
  after(() => kube?.close());

  it("finds no change against the running revision, rendered with its own tag; a service never deployed is skipped, and said so", () => {
    const result = render();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout.trim(),
      "no changes: the rendering of dev matches the running revisions: api r2 (v1.1.0)",
    );
    assert.match(result.stderr, /skipped web: web has no revision running in dev/);
  });

  it("shows a changed variable and an older revision's tag as unified diffs of the files", () => {
    const file = join(kube.dir, "quikship.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
    const diff = json<RevisionDiff>(render("--services", "api", "-o", "json"));
    assert.deepEqual(diff.revisions, [{ service: "api", revision: 2, tag: "v1.1.0" }]);
    const configMap = diff.changes.find((c) => c.path === "overlays/dev/api/configmap.yaml");
    assert.ok(configMap, JSON.stringify(diff.changes.map((c) => c.path)));
    assert.match(configMap.diff, /^- {2}LOG_LEVEL: info\n\+ {2}LOG_LEVEL: debug$/m);

    const older = json<RevisionDiff>(render("--services", "api", "--revision", "1", "--tag", "v1.1.0", "-o", "json"));
    assert.equal(older.against, "revision 1 of api");
    const overlay = older.changes.find((c) => c.path === "overlays/dev/api/kustomization.yaml");
    assert.match(overlay?.diff ?? "", /^- {2}newTag: v1\.0\.0\n\+ {2}newTag: v1\.1\.0$/m);
  });

  it("refuses --revision without one service (exit 2), and a revision with no stored rendering (exit 1)", () => {
    const many = render("--revision", "1");
    assert.equal(many.code, 2);
    assert.match(many.stderr, /--revision N names one service's revision: give that service with --services SERVICE/);
    const missing = render("--services", "api", "--revision", "9");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /api has no revision 9 in dev/);
    const withDir = quikship([
      "render",
      "dev",
      "-c",
      join(kube.dir, "quikship.yaml"),
      "--diff",
      "x",
      "--revision",
      "1",
    ]);
    assert.equal(withDir.code, 2);
    assert.match(withDir.stderr, /--revision goes with --diff alone/);
  });
});
