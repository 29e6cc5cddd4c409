import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { parseSse, readSse, SseParser } from "./sse.js";

describe("the event-stream parser", () => {
  it("reads events with ids, names and multi-line data, and skips comments", () => {
    const text = ': heartbeat\n\nid: 4\nevent: step\ndata: {"a":1}\n\nid: 5\ndata: one\ndata: two\n\n';
    assert.deepEqual(parseSse(text), [
      { id: "4", event: "step", data: '{"a":1}' },
      { id: "5", event: "message", data: "one\ntwo" },
    ]);
  });

  it("joins lines split across chunks, with CRLF or CR line ends", () => {
    const parser = new SseParser();
    assert.deepEqual(parser.feed("id: 1\r\nevent: ru"), []);
    assert.deepEqual(parser.feed("n\r\ndata: x\r"), []);
    assert.deepEqual(parser.feed("\n\r\n"), [{ id: "1", event: "run", data: "x" }]);
    // A CR at the very end may be half of a CRLF: the line ends when the next chunk says so.
    assert.deepEqual(parser.feed("data:y\r\r"), []);
    assert.deepEqual(parser.feed("data: next"), [{ id: "1", event: "message", data: "y" }]);
  });

  it("keeps the last id for events that carry none, and dispatches nothing without data", () => {
    assert.deepEqual(parseSse("id: 7\n\ndata: z\n\n"), [{ id: "7", event: "message", data: "z" }]);
  });

  it("decodes a byte stream whose UTF-8 characters are split between chunks", async () => {
    const bytes = new TextEncoder().encode("data: café\n\n");
    const out = [];
    for await (const m of readSse(Readable.from([bytes.slice(0, 10), bytes.slice(10)]))) out.push(m);
    assert.deepEqual(out, [{ id: undefined, event: "message", data: "café" }]);
  });
});
