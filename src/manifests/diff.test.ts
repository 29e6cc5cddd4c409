import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffTrees, unifiedDiff } from "./diff.js";

describe("diffTrees", () => {
  it("lists added, removed and changed files by path, and leaves out the unchanged", () => {
    const before = [
      { path: "a.yaml", content: "x: 1\n" },
      { path: "b.yaml", content: "same\n" },
      { path: "c.yaml", content: "gone\n" },
    ];
    const after = [
      { path: "a.yaml", content: "x: 2\n" },
      { path: "b.yaml", content: "same\n" },
      { path: "d.yaml", content: "new\n" },
    ];
    assert.deepEqual(
      diffTrees(before, after).map((c) => [c.path, c.change]),
      [
        ["a.yaml", "changed"],
        ["c.yaml", "removed"],
        ["d.yaml", "added"],
      ],
    );
  });

  it("prints a unified diff with three lines of context and one hunk per distant change", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 2\n", "line two\n").replace("line 18\n", "");
    assert.equal(
      unifiedDiff("f.yaml", before, after),
      [
        "--- a/f.yaml",
        "+++ b/f.yaml",
        "@@ -1,5 +1,5 @@",
        " line 1",
        "-line 2",
        "+line two",
        " line 3",
        " line 4",
        " line 5",
        "@@ -15,6 +15,5 @@",
        " line 15",
        " line 16",
        " line 17",
        "-line 18",
        " line 19",
        " line 20",
        "",
      ].join("\n"),
    );
    assert.equal(unifiedDiff("n.yaml", undefined, "a\n"), "--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1,1 @@\n+a\n");
  });
});
