import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { KubeConfig } from "@kubernetes/client-node";
import { ApiRequests, lineByLine } from "./requests.js";

/** A context of a plain-HTTP server (as the API test double's kubeconfig has it). */
function contextOf(port: number): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: "c", server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: "secret-token" }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return config;
}

describe("requests to the API server", () => {
  it("reads a watch's stream line by line however it is cut into chunks", () => {
    const text = 'first {"a":1}\nsecond ✓\n\nthird';
    const whole: string[] = [];
    lineByLine((line) => whole.push(line))(text);
    assert.deepEqual(whole, ['first {"a":1}', "second ✓", ""]);
    for (let a = 0; a <= text.length; a++)
      for (let b = a; b <= text.length; b++) {
        const lines: string[] = [];
        const next = lineByLine((line) => lines.push(line));
        for (const chunk of [text.slice(0, a), text.slice(a, b), text.slice(b)]) next(chunk);
        assert.deepEqual(lines, whole, `cut at ${a} and ${b}`);
      }
  });

  it("sends the context's credentials and asks for JSON, over its own connection and on a watch", async () => {
    const events = [
      { type: "ADDED", object: { metadata: { name: "a", annotations: { text: "é ✓ line" } } } },
      { type: "MODIFIED", object: { metadata: { name: "a" } } },
      { type: "DELETED", object: { metadata: { name: "b" } } },
    ];
    const stream = Buffer.from(`${events.map((e) => JSON.stringify(e)).join("\n")}\n\n`);
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization} ${req.headers.accept}`);
      if (!req.url?.includes("watch=1")) return void res.end(JSON.stringify({ ok: true }));
      // Cut at every few bytes, inside the lines and inside a multi-byte character.
      res.writeHead(200, { "content-type": "application/json" });
      for (let at = 0; at < stream.length; at += 7) res.write(stream.subarray(at, at + 7));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const requests = new ApiRequests(contextOf((server.address() as AddressInfo).port));
    try {
      assert.deepEqual(await requests.json({ method: "GET", path: "/api/v1" }), { ok: true });
      const got: unknown[] = [];
      const watch = await requests.watch("/api/v1/namespaces/n/configmaps?watch=1", (e) => got.push(e));
      await watch.ended;
      assert.deepEqual(got, events);
      assert.deepEqual(seen, [
        "GET /api/v1 Bearer secret-token application/json",
        "GET /api/v1/namespaces/n/configmaps?watch=1 Bearer secret-token application/json",
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    }
  });
});
