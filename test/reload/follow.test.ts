/**
 * A server follows the platform version another server stored, told by the change feed: at once,
 * not at its next poll (the poll here is a minute away, so only the feed can explain the swap).
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Platform } from "../../src/config/types.js";
import { PlatformFollower, storedVersion } from "../../src/reload/follow.js";
import { PlatformHolder } from "../../src/reload/holder.js";
import { toJson } from "../../src/store/json.js";
import type { Json } from "../../src/engine/types.js";
import { insertPlatformVersion } from "../../src/store/platform-versions/write.js";
import { forEachDatabase } from "../support/databases.js";
import { testPlatform } from "../engine/support.js";

async function until(what: string, predicate: () => boolean, timeoutMs = 3_000): Promise<number> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - start;
}

function store(platform: Platform) {
  return {
    hash: `h-${platform.name}`,
    platform: toJson(JSON.parse(JSON.stringify(platform)) as Json),
    loaded_at: 0,
    loaded_by: "alice",
    source: "reload" as const,
    diff: toJson({ changes: [], truncated: 0 }),
  };
}

forEachDatabase("following the platform another server stored", (t) => {
  it("swaps in a version stored through another connection as soon as the feed tells it", async (c) => {
    const first = testPlatform();
    // On PostgreSQL the other server is another connection pool with its own LISTEN; SQLite has one server.
    const other = t.dialect === "postgres" ? await t.open(t.url) : t.db;
    const version = await insertPlatformVersion(t.db.kysely, store(first));
    const holder = new PlatformHolder({ platform: first, version, hash: `h-${first.name}` });
    const follower = new PlatformFollower({
      db: other,
      holder,
      load: (row) => Promise.resolve(storedVersion(row)),
      onError: (error) => assert.fail(String(error)),
      intervalMs: 60_000,
    });
    follower.start();
    c.after(() => follower.stop());
    if (t.dialect === "postgres") await until("the follower's server listens", () => other.changes.stats().listening);
    const next = { ...first, name: "renamed" };
    const stored = await insertPlatformVersion(t.db.kysely, store(next));
    const ms = await until("the new version is in use", () => holder.version().version === stored);
    c.diagnostic(`adopted ${ms} ms after it was stored`);
    assert.equal(holder.version().platform.name, "renamed");
  });
});
