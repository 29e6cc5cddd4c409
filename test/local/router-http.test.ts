import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import type { ResponseHook } from "../../src/local/router/index.js";
import { createRouter } from "../../src/local/router/index.js";
import { request } from "./demo-support.js";

const SERVICE = "api";
const cleanups: (() => Promise<unknown>)[] = [];

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A router whose only service `api` has one revision (5) on an instance listening at `port`. */
async function routerTo(port: number, onResponse?: ResponseHook) {
  const router = await createRouter({ environment: "dev", onResponse });
  router.setRoutes(SERVICE, [{ revision: 5, weight: 100, targets: [{ id: "only", url: `http://127.0.0.1:${port}` }] }]);
  cleanups.push(() => router.close());
  return router;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

async function httpInstance(handler: http.RequestListener, onConnection?: () => void): Promise<number> {
  const server = http.createServer(handler);
  if (onConnection) server.on("connection", onConnection);
  cleanups.push(() => Promise.resolve(server.closeAllConnections()));
  return listen(server);
}

/** An instance speaking raw bytes: `answer(requestNumberOnItsConnection, socket)` per request head. */
async function rawInstance(answer: (nth: number, socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let nth = 0;
    let seen = "";
    socket.on("data", (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      while (seen.includes("\r\n\r\n")) {
        seen = seen.slice(seen.indexOf("\r\n\r\n") + 4);
        answer(++nth, socket);
      }
    });
    socket.on("error", () => {});
  });
  cleanups.push(() => Promise.resolve(sockets.forEach((s) => s.destroy())));
  return listen(server);
}

describe("the router's HTTP to instances", () => {
  it("streams a response as the instance writes it, before the instance has finished", async () => {
    let release = (): void => {};
    const port = await httpInstance((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first;");
      release = () => res.end("second");
    });
    const router = await routerTo(port);
    const body = await new Promise<string>((resolve, reject) => {
      http.get(`${router.url}/${SERVICE}/`, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text === "first;") release();
        });
        res.on("end", () => resolve(text)).on("error", reject);
      });
    });
    assert.equal(body, "first;second");
  });

  it("passes a chunked request body and a HEAD request through", async () => {
    const port = await httpInstance((req, res) => {
      let length = 0;
      req.on("data", (chunk: Buffer) => (length += chunk.length));
      req.on("end", () => {
        const text = JSON.stringify({ length, encoding: req.headers["transfer-encoding"] ?? null });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(req.method === "HEAD" ? undefined : text);
      });
    });
    const router = await routerTo(port);
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${router.url}/${SERVICE}/upload`, { method: "POST" }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString())).on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.write("a".repeat(70_000));
      req.end("b".repeat(10));
    });
    assert.deepEqual(JSON.parse(echoed), { length: 70_010, encoding: "chunked" });
    const head = await request(`${router.url}/${SERVICE}/`, { method: "HEAD" });
    assert.deepEqual([head.status, head.body, head.headers["x-quikship-revision"]], [200, "", "5"]);
  });

  it("carries a large response intact and queues requests beyond the connections allowed per instance", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, "z");
    let connections = 0;
    const port = await httpInstance(
      (_req, res) => {
        res.writeHead(200, { "content-length": big.length });
        res.end(big);
      },
      () => connections++,
    );
    const router = await createRouter({ environment: "dev", maxSocketsPerTarget: 2 });
    cleanups.push(() => router.close());
    router.setRoutes(SERVICE, [
      { revision: 1, weight: 100, targets: [{ id: "only", url: `http://127.0.0.1:${port}` }] },
    ]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(`${router.url}/${SERVICE}/`)));
    for (const answer of answers) assert.deepEqual([answer.status, answer.body.length], [200, big.length]);
    assert.equal(connections, 2);
  });

  // The instance's answer can be lost to the write error of the unread body (EPIPE): then 502.
  it("answers a client whose body the instance refused to read, and keeps serving", async () => {
    const port = await httpInstance((req, res) => {
      if (req.method === "GET") return void res.end("fine");
      res.writeHead(413, { connection: "close" });
      res.end("too large");
    });
    const router = await routerTo(port);
    const refused = await request(`${router.url}/${SERVICE}/upload`, {
      method: "POST",
      body: "x".repeat(4 * 1024 * 1024),
    });
    assert.ok(refused.status === 413 || refused.status === 502, `got ${refused.status}`);
    assert.equal((await request(`${router.url}/${SERVICE}/`)).body, "fine");
  });

  it("reads a response that ends when the instance closes the connection", async () => {
    const port = await rawInstance((_nth, socket) =>
      socket.end("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close"),
    );
    const router = await routerTo(port);
    for (let i = 0; i < 3; i++)
      assert.deepEqual(await request(`${router.url}/${SERVICE}/`).then((a) => [a.status, a.body]), [
        200,
        "until close",
      ]);
  });

  it("retries on a fresh connection when the instance drops a kept-alive one, failing no request", async () => {
    let dropped = 0;
    const port = await rawInstance((nth, socket) => {
      if (nth === 2 && dropped === 0) {
        dropped++;
        return void socket.destroy();
      }
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    });
    const router = await routerTo(port);
    for (let i = 0; i < 3; i++) assert.equal((await request(`${router.url}/${SERVICE}/`)).status, 200);
    assert.equal(dropped, 1);
    assert.deepEqual(
      router.traffic(SERVICE).map((t) => [t.requests, t.errors]),
      [[3, 0]],
    );
  });

  it("answers 502 for a response the instance garbles, counting an error", async () => {
    const port = await rawInstance((_nth, socket) => socket.write("garbage\r\n\r\n"));
    const router = await routerTo(port);
    const answer = await request(`${router.url}/${SERVICE}/`);
    assert.equal(answer.status, 502);
    assert.match(answer.body, /bad status line/);
    assert.deepEqual(
      router.traffic(SERVICE).map((t) => [t.requests, t.errors]),
      [[1, 1]],
    );
  });

  it("closes the instance's side when the client goes away, and records 499", async () => {
    let instanceSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (instanceSawClose = resolve));
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const port = await httpInstance((req) => {
      req.socket.once("close", instanceSawClose);
      arrived();
    });
    const seen: number[] = [];
    const router = await routerTo(port, (_service, _revision, status) => seen.push(status));
    const req = http.get(`${router.url}/${SERVICE}/`);
    req.on("error", () => {});
    await received;
    req.destroy();
    await closed;
    while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [499]);
  });
});
