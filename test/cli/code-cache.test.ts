import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { codeCachePath, loadBundle, writeCodeCache } from "../../src/cli/code-cache.js";

/** A CommonJS bundle with a function the warm-up calls, one it does not, and a relative require. */
const BUNDLE = `const { basename } = require("node:path");
const helper = require("./helper.cjs");
let calls = 0;
exports.warm = async () => { calls++; return helper.twice(21); };
exports.cold = (n) => Array.from({ length: n }, (_, i) => i * i).reduce((a, b) => a + b, 0);
exports.where = () => [basename(__filename), basename(__dirname).startsWith("quikship-code-cache-")];
exports.calls = () => calls;
`;

describe("code cache of a CommonJS bundle", () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "quikship-code-cache-"));
    file = join(dir, "bundle.cjs");
    writeFileSync(file, BUNDLE);
    writeFileSync(join(dir, "helper.cjs"), "exports.twice = (n) => 2 * n;");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  interface Bundle {
    warm(): Promise<number>;
    cold(n: number): number;
    where(): [string, boolean];
    calls(): number;
  }

  it("runs a bundle that has no cache, as CommonJS: its own require, __filename and __dirname", () => {
    const b = loadBundle(file, "none") as Bundle;
    assert.equal(b.cold(4), 14);
    assert.deepEqual(b.where(), ["bundle.cjs", true]);
  });

  it("writes a cache after the warm-up, per use, and runs the bundle from it", async () => {
    let warmed = 0;
    const size = await writeCodeCache(file, "warm", async (exports) => {
      warmed = await (exports as Bundle).warm();
    });
    assert.equal(warmed, 42);
    assert.equal(readFileSync(codeCachePath(file, "warm")).length, size);
    assert.ok(size > 0);
    const b = loadBundle(file, "warm") as Bundle;
    // A fresh module: the warm-up's state is not in the cache, only code.
    assert.equal(b.calls(), 0);
    assert.equal(await b.warm(), 42);
    assert.equal(b.cold(5), 30);
  });

  it("runs the bundle as usual from a cache V8 rejects: another Node's, or damaged", () => {
    // A source of its own: V8 reuses what it compiled from a source within a process, cache or not.
    const other = join(dir, "other.cjs");
    writeFileSync(other, `${BUNDLE}// another source\n`);
    writeFileSync(codeCachePath(other, "damaged"), Buffer.from("not a code cache, and never was one"));
    const b = loadBundle(other, "damaged") as Bundle;
    assert.equal(b.cold(3), 5);
    assert.deepEqual(b.where(), ["other.cjs", true]);
  });
});
