import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { kustomizeBuild } from "../../src/manifests/build.js";
import { parseStream, removeTempDirs, requireKubectl, tempDir } from "../manifests/support.js";
import { removeTrees, writeTree } from "../config/support.js";
import { json, quikship } from "./support.js";

after(removeTempDirs);
after(removeTrees);

const QUIKAPP = "examples/quikapp";

describe("quikship render", () => {
  it("writes live's tree, which kubectl kustomize builds, then shows no changes against it and the new tag's lines after a retag", () => {
    requireKubectl();
    const out = tempDir();
    const wrote = quikship(["render", "live", "-c", QUIKAPP, "--out", out, "--tag", "v1.2.3"]);
    assert.equal(wrote.code, 0, wrote.stderr);
    assert.match(wrote.stdout, /^wrote \d+ files to /);
    assert.deepEqual(readdirSync(join(out, "overlays")), ["live"]);
    assert.equal(readdirSync(join(out, "base")).length, 33);
    const objects = parseStream(kustomizeBuild(join(out, "overlays/live")));
    assert.equal(objects.filter((o) => o.kind === "Deployment").length, 33);
    assert.equal(objects.filter((o) => o.kind === "PodDisruptionBudget").length, 33);

    const same = quikship(["render", "prod", "-c", QUIKAPP, "--diff", out, "--tag", "v1.2.3"]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^no changes: the rendering of live matches /);

    const retag = json<{ changes: { path: string; change: string; diff: string }[] }>(
      quikship([
        "render",
        "live",
        "-c",
        QUIKAPP,
        "--diff",
        out,
        "--tag",
        "v1.3.0",
        "--services",
        "auth-service",
        "-o",
        "json",
      ]),
    );
    assert.deepEqual(
      retag.changes.map((c) => [c.path, c.change]),
      [["overlays/live/auth-service/kustomization.yaml", "changed"]],
    );
    assert.match(retag.changes[0]!.diff, /^- {2}newTag: v1\.2\.3\n\+ {2}newTag: v1\.3\.0$/m);
  });

  it("prints the built YAML of chosen services without --out", () => {
    requireKubectl();
    const result = quikship(["render", "dev", "-c", QUIKAPP, "--services", "auth-service,ml-service", "--tag", "v9"]);
    assert.equal(result.code, 0, result.stderr);
    const objects = parseStream(result.stdout);
    assert.deepEqual(
      objects.filter((o) => o.kind === "Deployment").map((o) => o.metadata.name),
      ["auth-service", "ml-service"],
    );
    assert.ok(objects.every((o) => o.metadata.namespace === "quikapp-dev"));
    assert.match(result.stdout, /image: quikapp\.azurecr\.io\/ml-service:v9/);
  });

  it("refuses a bad tag, an unknown environment or service and a missing vault with exit 1, writing nothing", () => {
    const out = tempDir();
    const badTag = quikship(["render", "live", "-c", QUIKAPP, "--out", join(out, "t"), "--tag", "v1;rm -rf /"]);
    assert.equal(badTag.code, 1);
    assert.match(badTag.stderr, /image tag "v1;rm -rf \/" of [a-z-]+ is not a valid tag/);
    const unknown = quikship(["render", "lvie", "-c", QUIKAPP, "--out", join(out, "t")]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown environment "lvie" \(did you mean "live"\?/);
    const service = quikship(["render", "live", "-c", QUIKAPP, "--services", "auth-servce", "--out", join(out, "t")]);
    assert.equal(service.code, 1);
    assert.match(service.stderr, /unknown service "auth-servce"/);
    const dir = writeTree({
      "quikship.yaml": `version: 1
name: novault
stacks: { go: {} }
services: { api: { stack: go, variables: { key: { secret: "keyvault:PROD-KEY" } } } }
environments: { prod: { tier: prod } }
`,
    });
    const noVault = quikship(["render", "prod", "-c", dir, "--out", join(out, "t")]);
    assert.equal(noVault.code, 1);
    assert.match(
      noVault.stderr,
      /environments\.prod\.vault: not set, but api reads vault secrets there \(key: keyvault:PROD-KEY\)/,
    );
    assert.equal(existsSync(join(out, "t")), false);
    const both = quikship(["render", "live", "-c", QUIKAPP, "--out", out, "--diff", out]);
    assert.equal(both.code, 2);
  });

  it("says plainly that kubectl is missing when it must build", () => {
    const result = quikship(["render", "dev", "-c", QUIKAPP, "--services", "auth-service"], {
      env: { QUIKSHIP_KUBECTL: "kubectl-not-installed-here" },
    });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /"kubectl-not-installed-here" was not found on PATH/);
  });

  it("keeps its help current: the tree's layout and the diff's two sources", () => {
    const help = quikship(["render", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--diff \[dir\]/);
    assert.match(help.stdout, /--revision <n>/);
    assert.match(help.stdout, /--diff alone compares with the rendering the\s+kubernetes target stored/);
    assert.match(help.stdout, /tfoutput:ENV\/NAME\) is rendered as that reference/);
    assert.ok(readFileSync("docs/cli.md", "utf8").includes("quikship render"), "docs/cli.md describes render");
  });
});
