/**
 * Output split into lines with secret values masked, whatever the cuts: a secret split across
 * two writes is joined before masking, a line too long to keep is cut only after masking and
 * never inside what may be the start of a secret, so no part of a secret is ever shown.
 */
import { StringDecoder } from "node:string_decoder";
import { maskSecrets } from "./secrets.js";

/** The longest suffix of `text` that is the start of a secret (but not all of it): held back until more comes. */
export function heldBack(text: string, secrets: readonly string[]): number {
  let hold = 0;
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    for (let n = Math.min(secret.length - 1, text.length); n > hold; n--) {
      if (text.endsWith(secret.slice(0, n))) {
        hold = n;
        break;
      }
    }
  }
  return hold;
}

/** A whole line masked, then cut to `maxChars`: the mask of a secret past the cut is dropped, never a part of it shown. */
export function maskThenCut(text: string, secrets: readonly string[], maxChars: number): string {
  return maskSecrets(text, secrets).slice(0, maxChars);
}

export interface LineSplitter {
  push(chunk: Buffer | string): void;
  end(): void;
}

/**
 * Splits a stream's chunks into masked lines, keeping a partial last line until the next chunk.
 * A line that never ends is emitted in pieces of at most `maxChars`, so one chatty writer cannot
 * grow the buffer without bound; each piece is masked and stops before a possible secret's start.
 */
export function maskedLineSplitter(
  secrets: () => readonly string[],
  maxChars: number,
  emit: (line: string) => void,
): LineSplitter {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  const flushLong = (): void => {
    const known = secrets();
    while (rest.length > maxChars) {
      // Complete secrets first: what remains held back can only be a secret's beginning.
      const masked = maskSecrets(rest, known);
      const head = masked.slice(0, maxChars);
      const cut = Math.max(1, head.length - heldBack(head, known));
      emit(masked.slice(0, cut));
      rest = masked.slice(cut);
    }
  };
  return {
    push(chunk) {
      const parts = (rest + (typeof chunk === "string" ? chunk : decoder.write(chunk))).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) emit(maskThenCut(part.replace(/\r$/, ""), secrets(), maxChars));
      flushLong();
    },
    end() {
      rest += decoder.end();
      if (rest !== "") emit(maskThenCut(rest, secrets(), maxChars));
      rest = "";
    },
  };
}
