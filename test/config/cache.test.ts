import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cachedPlatform, keepPlatform } from "../../src/config/cache.js";
import type { PlatformCache } from "../../src/config/cache.js";
import { loadPlatform, loadPlatformOrThrow } from "../../src/config/load.js";

const scratch = mkdtempSync(join(tmpdir(), "quikship-cache-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the reference platform, so its files can be edited. */
function platformCopy(name: string): string {
  const dir = join(scratch, name);
  cpSync("examples/quikapp", dir, { recursive: true });
  return dir;
}

function keep(cache: PlatformCache, dir: string): void {
  const { inputs, ...checked } = loadPlatformOrThrow(dir);
  keepPlatform(cache, dir, inputs, checked);
}

describe("the platform cache", () => {
  it("gives back the platform it kept, whole, while no file it was read from has changed", () => {
    const dir = platformCopy("same");
    const cache = { dir: join(scratch, "c1"), build: "b1" };
    assert.equal(cachedPlatform(cache, dir), undefined);
    keep(cache, dir);
    const kept = cachedPlatform(cache, dir);
    const fresh = loadPlatformOrThrow(dir);
    assert.deepEqual(kept?.platform, fresh.platform);
    assert.deepEqual(kept?.files, fresh.files);
    assert.deepEqual(kept?.warnings, fresh.warnings);
  });

  it("misses when an included file changes, so the edit is read and checked", () => {
    const dir = platformCopy("edited");
    const cache = { dir: join(scratch, "c2"), build: "b1" };
    keep(cache, dir);
    const people = join(dir, "people.yaml");
    writeFileSync(people, `${readFileSync(people, "utf8")}\n# a comment changes the content\n`);
    assert.equal(cachedPlatform(cache, dir), undefined);
    writeFileSync(join(dir, "stacks.yaml"), "stacks: [");
    assert.equal(loadPlatform(dir).ok, false, "the broken file is reported, not served from the cache");
  });

  it("misses for an entry another build wrote, and for a removed file", () => {
    const dir = platformCopy("builds");
    const cache = { dir: join(scratch, "c3"), build: "b1" };
    keep(cache, dir);
    assert.equal(cachedPlatform({ ...cache, build: "b2" }, dir), undefined);
    rmSync(join(dir, "people.yaml"));
    assert.equal(cachedPlatform(cache, dir), undefined);
  });

  it("treats an unreadable or foreign entry as a miss and never throws", () => {
    const dir = platformCopy("garbage");
    const cache = { dir: join(scratch, "c4"), build: "b1" };
    keep(cache, dir);
    const [entry] = readdirSync(cache.dir);
    writeFileSync(join(cache.dir, entry!), "not an entry");
    assert.equal(cachedPlatform(cache, dir), undefined);
    assert.doesNotThrow(() =>
      keepPlatform({ dir: join(dir, "quikship.yaml", "x"), build: "b1" }, dir, [], keptOf(dir)),
    );
  });
});

function keptOf(dir: string) {
  const { platform, warnings, files } = loadPlatformOrThrow(dir);
  return { platform, warnings, files };
}
