import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readConfigValue } from "../../src/ci/git-config.js";

/** Config files as people and tools write them, each read by git itself for comparison. */
const FILES: Record<string, string> = {
  plain:
    '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:example/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
  "quoted with a comment": '[remote "origin"]\n  url = "https://github.com/example/a b.git" # the upstream\n',
  "escapes and a continued line": '[remote "origin"]\n\turl = https://github.com/\\\n\texample/\\"q\\".git ; note\n',
  "case of section and key": '[REMOTE "origin"]\n\tURL = https://github.com/example/upper.git\n',
  "another subsection's case": '[remote "Origin"]\n\turl = https://github.com/example/other.git\n',
  "the older header": "[remote.origin]\n\turl = https://github.com/example/legacy.git\n",
  "the last value wins":
    '[remote "origin"]\n\turl = https://a.example/one.git\n[remote "origin"]\n\turl = https://a.example/two.git\n',
  "an entry on the header's line": '[remote "origin"] url = https://github.com/example/inline.git\n',
  "another remote only": '[remote "upstream"]\n\turl = https://github.com/example/up.git\n',
  "a key without a value": '[remote "origin"]\n\turl\n',
  "comments and blank lines":
    '# top\n\n; more\n[remote "origin"]\n\n\t# url = https://wrong.example/x.git\n\turl = https://github.com/example/c.git\n',
};

describe("reading the origin URL from a git config file", () => {
  const dir = mkdtempSync(join(tmpdir(), "quikship-git-config-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const byGit = (file: string): string | undefined => {
    try {
      const out = execFileSync("git", ["config", "--file", file, "--get", "remote.origin.url"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      return out.replace(/\n$/, "");
    } catch {
      return undefined;
    }
  };

  for (const [name, text] of Object.entries(FILES)) {
    it(`reads what git reads: ${name}`, () => {
      const file = join(dir, `${name.replace(/\W+/g, "-")}.config`);
      writeFileSync(file, text);
      const read = readConfigValue(file, "remote", "origin", "url");
      const expected = byGit(file);
      assert.deepEqual(read, expected === undefined ? { kind: "absent" } : { kind: "value", value: expected });
    });
  }

  it("leaves a file that includes others, and a missing file, to git", () => {
    const file = join(dir, "includes.config");
    writeFileSync(file, '[include]\n\tpath = other.config\n[remote "origin"]\n\turl = x\n');
    assert.deepEqual(readConfigValue(file, "remote", "origin", "url"), { kind: "unknown" });
    assert.deepEqual(readConfigValue(join(dir, "missing"), "remote", "origin", "url"), { kind: "unknown" });
  });
});
