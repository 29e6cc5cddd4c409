/** A Server-Sent Events parser (the WHATWG event-stream format), for the events of a run. */

export interface SseMessage {
  /** The last event id seen so far in the stream, as a reconnecting client would send it. */
  id: string | undefined;
  event: string;
  data: string;
}

export class SseParser {
  #buffer = "";
  #data: string[] = [];
  #event = "";
  #lastId: string | undefined;

  /** Feeds a chunk of text; returns the messages it completed. */
  feed(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (match === null || (match[0] === "\r" && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const message = this.#line(line);
      if (message) out.push(message);
    }
    return out;
  }

  #line(line: string): SseMessage | undefined {
    if (line === "") return this.#dispatch();
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
    else if (field === "id" && !value.includes("\0")) this.#lastId = value;
    return undefined;
  }

  #dispatch(): SseMessage | undefined {
    const data = this.#data;
    const event = this.#event || "message";
    this.#data = [];
    this.#event = "";
    if (data.length === 0) return undefined;
    return { id: this.#lastId, event, data: data.join("\n") };
  }
}

/** The messages of an event-stream body, as they arrive. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for await (const chunk of body) yield* parser.feed(decoder.decode(chunk, { stream: true }));
  yield* parser.feed(decoder.decode());
}

/** Parses a whole event-stream text at once. */
export function parseSse(text: string): SseMessage[] {
  return new SseParser().feed(text);
}
