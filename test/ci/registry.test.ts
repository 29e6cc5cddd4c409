import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startRegistry } from "../support/registry.js";

describe("the throwaway registry fixture", () => {
  it("serves the registry API on a loopback port, open without auth", async () => {
    const registry = await startRegistry();
    try {
      assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${registry.url}/v2/`)).status, 200);
    } finally {
      await registry.stop();
    }
  });

  it("asks for basic auth with htpasswd, and lets the fixture's user in", async () => {
    const registry = await startRegistry({ auth: true });
    try {
      assert.equal((await fetch(`${registry.url}/v2/`)).status, 401);
      const { user, password } = registry.auth!;
      const basic = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
      assert.equal((await fetch(`${registry.url}/v2/`, { headers: { authorization: basic } })).status, 200);
      const wrong = `Basic ${Buffer.from(`${user}:nope`).toString("base64")}`;
      assert.equal((await fetch(`${registry.url}/v2/`, { headers: { authorization: wrong } })).status, 401);
    } finally {
      await registry.stop();
    }
  });
});
