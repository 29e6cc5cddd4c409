import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readTree, writeTree } from "./tree.js";
import type { Rendering } from "./types.js";

const root = mkdtempSync(join(tmpdir(), "quikship-tree-"));
after(() => rmSync(root, { recursive: true, force: true }));

const rendering = (environment: string, files: Record<string, string>): Rendering => ({
  environment,
  services: [],
  objects: [],
  warnings: [],
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
});

describe("writeTree", () => {
  it("leaves the tree holding exactly the rendering: stale files and emptied directories go, other environments stay", () => {
    writeTree(
      root,
      rendering("dev", { "base/a/x.yaml": "a\n", "overlays/dev/a/k.yaml": "1\n", "overlays/dev/b/k.yaml": "2\n" }),
    );
    writeTree(root, rendering("qa", { "base/a/x.yaml": "a\n", "overlays/qa/a/k.yaml": "q\n" }));
    writeFileSync(join(root, "README.md"), "mine\n");
    const unchanged = statSync(join(root, "overlays/dev/a/k.yaml")).mtimeMs;
    writeTree(
      root,
      rendering("dev", { "base/a/x.yaml": "a\n", "overlays/dev/a/k.yaml": "1\n", "overlays/dev/c.yaml": "3\n" }),
    );
    assert.deepEqual(
      readTree(root, ["base", "overlays"]).map((f) => f.path),
      ["base/a/x.yaml", "overlays/dev/a/k.yaml", "overlays/dev/c.yaml", "overlays/qa/a/k.yaml"],
    );
    assert.equal(existsSync(join(root, "overlays/dev/b")), false);
    assert.equal(statSync(join(root, "overlays/dev/a/k.yaml")).mtimeMs, unchanged);
    assert.equal(readFileSync(join(root, "README.md"), "utf8"), "mine\n");
  });
});
