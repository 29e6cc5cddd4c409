import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { registerDashboard } from "./dashboard.js";
import { installErrorHandlers } from "./errors.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-dashboard-"));
let app: FastifyInstance;

async function appServing(root: string | undefined): Promise<FastifyInstance> {
  const instance = Fastify();
  installErrorHandlers(instance);
  instance.get("/v1/whoami", () => ({ user: "admin" }));
  registerDashboard(instance, root);
  await instance.ready();
  return instance;
}

describe("the dashboard's static files", () => {
  before(async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>quikship</title>");
    writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(dir, "assets", "index-def456.css"), "body{}");
    writeFileSync(join(dir, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await appServing(dir);
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at / to be revalidated on every load", async () => {
    const res = await app.inject({ url: "/" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/html/);
    assert.equal(res.headers["cache-control"], "no-cache");
    assert.match(res.body, /<title>quikship<\/title>/);
  });

  it("serves hashed assets with their content type, cached for good", async () => {
    const js = await app.inject({ url: "/assets/index-abc123.js" });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers["content-type"]), /^text\/javascript/);
    assert.equal(js.headers["cache-control"], "public, max-age=31536000, immutable");
    const css = await app.inject({ url: "/assets/index-def456.css?v=1" });
    assert.match(String(css.headers["content-type"]), /^text\/css/);
  });

  it("answers the dashboard's own page paths with index.html, so a reload keeps the page", async () => {
    const res = await app.inject({ url: "/runs/r-123" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>quikship<\/title>/);
  });

  it("keeps unknown API paths, missing assets and paths outside the directory as JSON not-found errors", async () => {
    for (const url of [
      "/v1/nope",
      "/v1",
      "/assets/gone-000.js",
      "/../package.json",
      "/%2e%2e/package.json",
      "/robots.txt",
    ]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json<{ error: { kind: string } }>().error.kind, "not-found", url);
    }
    assert.equal((await app.inject({ url: "/v1/whoami" })).json<{ user: string }>().user, "admin");
  });

  it("answers /favicon.ico with the dashboard's icon, for clients that ask for it without reading the page", async () => {
    const res = await app.inject({ url: "/favicon.ico" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "image/svg+xml");
    assert.match(res.body, /^<svg /);
  });

  it("says how to build the dashboard when it is not built", async () => {
    const bare = await appServing(join(dir, "missing"));
    try {
      const res = await bare.inject({ url: "/" });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /npm run build/);
    } finally {
      await bare.close();
    }
  });
});
