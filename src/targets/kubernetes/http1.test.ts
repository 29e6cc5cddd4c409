import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Http1Connections, headerLines } from "./http1.js";

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

/** A real HTTP server on a free port, counting the connections it accepts. */
async function serve(handle: Handler, server: http.Server = http.createServer()) {
  let connections = 0;
  server.on("connection", () => connections++);
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
}

const echo: Handler = (req, body, res) => {
  res.setHeader("x-seen", `${req.method} ${req.url} ${req.headers.host} ${req.headers["content-type"] ?? ""}`);
  res.end(JSON.stringify({ body }));
};

describe("the API server's connections (http1)", () => {
  it("carries one request after another over one kept-alive connection, answering status, headers and body", async () => {
    const server = await serve(echo);
    const pool = new Http1Connections({ host: "127.0.0.1", port: server.port, tls: undefined }, 4_000);
    try {
      for (const n of [1, 2, 3]) {
        const answer = await pool.request("PATCH", `/x?n=${n}`, headerLines({ host: `127.0.0.1:${server.port}` }), {
          type: "a/b",
          text: "é",
        });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["x-seen"], `PATCH /x?n=${n} 127.0.0.1:${server.port} a/b`);
        assert.deepEqual(JSON.parse(answer.text), { body: "é" });
      }
      assert.equal(server.connections(), 1);
    } finally {
      pool.close();
      await server.close();
    }
  });

  it("reads a chunked answer, and opens a new connection after the server closed the last one", async () => {
    const server = await serve((req, _body, res) => {
      if (req.url === "/close") res.setHeader("connection", "close");
      res.write('{"a":');
      res.end('"chunked"}');
    });
    const pool = new Http1Connections({ host: "127.0.0.1", port: server.port, tls: undefined }, 4_000);
    try {
      const first = await pool.request("GET", "/close", headerLines({ host: "h" }), undefined);
      assert.equal(first.headers["transfer-encoding"], "chunked");
      assert.deepEqual(JSON.parse(first.text), { a: "chunked" });
      assert.deepEqual(JSON.parse((await pool.request("GET", "/", headerLines({ host: "h" }), undefined)).text), {
        a: "chunked",
      });
      assert.equal(server.connections(), 2);
    } finally {
      pool.close();
      await server.close();
    }
  });

  it("fails a request whose connection the server cuts as ECONNRESET, and one it cannot reach as ECONNREFUSED", async () => {
    const server = await serve((req) => req.socket.destroy());
    const pool = new Http1Connections({ host: "127.0.0.1", port: server.port, tls: undefined }, 4_000);
    await assert.rejects(pool.request("GET", "/", headerLines({ host: "h" }), undefined), { code: "ECONNRESET" });
    await server.close();
    await assert.rejects(pool.request("GET", "/", headerLines({ host: "h" }), undefined), { code: "ECONNREFUSED" });
  });

  it("fails a request the server never answers after answerMs of silence, and answers the next on a new connection", async () => {
    let silent = true;
    const server = await serve((_req, _body, res) => {
      if (!silent) res.end("{}");
    });
    const pool = new Http1Connections({ host: "127.0.0.1", port: server.port, tls: undefined }, 4_000, 150);
    try {
      await assert.rejects(pool.request("GET", "/", headerLines({ host: "h" }), undefined), {
        message: "no answer within 0.15 s",
      });
      silent = false;
      assert.equal((await pool.request("GET", "/", headerLines({ host: "h" }), undefined)).status, 200);
      assert.equal(server.connections(), 2, "the silent connection is not used again");
    } finally {
      pool.close();
      await server.close();
    }
  });

  it("refuses a header value with a line break (no header injection), keeping a tab", () => {
    assert.throws(() => headerLines({ authorization: "Bearer a\r\nx-evil: 1" }), TypeError);
    assert.equal(headerLines({ authorization: "Bearer a\tb" }), "authorization: Bearer a\tb\r\n");
  });

  describe("over TLS", () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-http1-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"],
        ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert],
      ],
      { stdio: "ignore" },
    );

    it("checks the server's certificate against the context's CA, and keeps the connection", async () => {
      const server = await serve(echo, https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }));
      const ca = readFileSync(cert);
      const pool = new Http1Connections({ host: "localhost", port: server.port, tls: { ca } }, 4_000);
      const untrusted = new Http1Connections({ host: "localhost", port: server.port, tls: {} }, 4_000);
      try {
        assert.equal((await pool.request("GET", "/a", headerLines({ host: "localhost" }), undefined)).status, 200);
        assert.equal((await pool.request("GET", "/b", headerLines({ host: "localhost" }), undefined)).status, 200);
        assert.equal(server.connections(), 1);
        await assert.rejects(untrusted.request("GET", "/", headerLines({ host: "localhost" }), undefined), {
          code: "DEPTH_ZERO_SELF_SIGNED_CERT",
        });
      } finally {
        pool.close();
        await server.close();
      }
    });
  });
});
