import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResponseHead } from "./parser.js";
import { ResponseParser } from "./parser.js";

interface Seen {
  heads: ResponseHead[];
  body: string;
  ends: boolean[];
}

/** Feeds `text` in pieces of `step` bytes (0: all at once) and records the events. */
function parse(text: string, options: { method?: string; step?: number; close?: boolean } = {}): Seen {
  const seen: Seen = { heads: [], body: "", ends: [] };
  const parser = new ResponseParser({
    onHead: (head) => seen.heads.push(head),
    onBody: (chunk) => (seen.body += chunk.toString("latin1")),
    onEnd: (keepAlive) => seen.ends.push(keepAlive),
  });
  parser.expect(options.method ?? "GET");
  const bytes = Buffer.from(text, "latin1");
  const step = options.step || bytes.length;
  for (let at = 0; at < bytes.length; at += step) parser.push(bytes.subarray(at, at + step));
  if (options.close) assert.equal(parser.close(), true);
  return seen;
}

const CHUNKED =
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";

describe("the upstream response parser", () => {
  it("reads a head and a content-length body, fed at once or byte by byte", () => {
    const text = "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\ncontent-length: 5\r\n\r\nhello";
    for (const step of [0, 1, 3]) {
      const seen = parse(text, { step });
      assert.deepEqual(seen.heads, [
        { status: 201, statusMessage: "Created", rawHeaders: ["Content-Type", "text/plain", "content-length", "5"] },
      ]);
      assert.deepEqual([seen.body, seen.ends], ["hello", [true]]);
    }
  });

  it("decodes a chunked body with extensions and trailers, split anywhere", () => {
    for (const step of [0, 1, 2, 7]) {
      const seen = parse(CHUNKED, { step });
      assert.deepEqual([seen.heads[0]?.status, seen.body, seen.ends], [200, "hello, world", [true]], `step ${step}`);
    }
  });

  it("ends without a body after HEAD, 204 and 304, whatever the length says", () => {
    assert.deepEqual(parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", { method: "HEAD" }).ends, [true]);
    assert.deepEqual(parse("HTTP/1.1 204 No Content\r\n\r\n").ends, [true]);
    assert.deepEqual(parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n").ends, [true]);
  });

  it("skips informational heads such as 100 Continue", () => {
    const seen = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", { step: 4 });
    assert.deepEqual([seen.heads.map((h) => h.status), seen.body, seen.ends], [[200], "ok", [true]]);
  });

  it("reads a body without length until the connection closes, and does not keep that connection", () => {
    const seen = parse("HTTP/1.1 200 OK\r\n\r\nall of it", { close: true });
    assert.deepEqual([seen.body, seen.ends], ["all of it", [false]]);
  });

  it("keeps HTTP/1.1 connections unless told to close, HTTP/1.0 ones only when told to keep them", () => {
    assert.deepEqual(parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").ends, [false]);
    assert.deepEqual(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").ends, [false]);
    assert.deepEqual(parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").ends, [true]);
  });

  it("rejects bytes after the response, a bad status line, a bad chunk size, conflicting lengths and upgrades", () => {
    assert.throws(() => parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab"), /after its response/);
    assert.throws(() => parse("HTTP/2 200 OK\r\n\r\n"), /bad status line/);
    assert.throws(() => parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), /bad chunk size/);
    assert.throws(
      () => parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
      /bad content-length/,
    );
    assert.throws(
      () => parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"),
      /upgrades are not proxied/,
    );
  });

  it("reports a response cut short by a closed connection", () => {
    const parser = new ResponseParser({ onHead: () => {}, onBody: () => {}, onEnd: () => assert.fail("must not end") });
    parser.expect("GET");
    parser.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    assert.equal(parser.close(), false);
  });
});
