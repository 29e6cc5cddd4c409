import assert from "node:assert/strict";
import { test } from "node:test";
import { maskedLineSplitter, maskThenCut } from "./masked-lines.js";

const SECRETS = ["s3cr3t-Token-abcdefghijklmn", "pw!x9"];
const MAX = 64;

/** No piece of any secret of 3 characters or more appears in the text. */
function assertNoPart(text: string, where: string): void {
  for (const secret of SECRETS) {
    for (let n = 3; n <= secret.length; n++) {
      for (let from = 0; from + n <= secret.length; from++) {
        const part = secret.slice(from, from + n);
        // Short pieces can occur in ordinary text; only pieces that are unlikely by chance count.
        if (n >= Math.min(6, secret.length)) assert.ok(!text.includes(part), `${where}: "${part}" shown in ${text}`);
      }
    }
  }
}

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const s = maskedLineSplitter(
    () => SECRETS,
    MAX,
    (l) => lines.push(l),
  );
  for (const c of chunks) s.push(Buffer.from(c, "utf8"));
  s.end();
  return lines;
}

test("a secret printed at every offset around the cut of a long line is masked, never shown in part", () => {
  for (const secret of SECRETS) {
    for (let offset = MAX - secret.length - 2; offset <= MAX + 2; offset++) {
      const line = `${"x".repeat(offset)}${secret}${"y".repeat(10)}`;
      const kept = maskThenCut(line, SECRETS, MAX);
      assertNoPart(kept, `cut line, offset ${offset}`);
      assert.ok(kept.length <= MAX);
      // A line that never ends is emitted in pieces: none shows a part either.
      const pieces = split([line]);
      pieces.forEach((p) => assertNoPart(p, `piece of an unterminated line, offset ${offset}`));
      assert.ok(pieces.join("").includes("********"), `offset ${offset}: ${pieces.join("|")}`);
    }
  }
});

test("a secret split across writes at every position is joined and masked", () => {
  for (const secret of SECRETS) {
    for (let at = 1; at < secret.length; at++) {
      const line = `token=${secret} ok`;
      const cut = "token=".length + at;
      const lines = split([line.slice(0, cut), line.slice(cut), "\n"]);
      assert.deepEqual(lines, ["token=******** ok"], `split at ${at}`);
    }
  }
});

test("an unterminated line longer than the limit, written a byte at a time, shows no part of a secret", () => {
  const text = `${"a".repeat(MAX - 5)}${SECRETS[0]}${"b".repeat(MAX)}${SECRETS[0]}`;
  const lines = split([...text]);
  lines.forEach((l, i) => {
    assertNoPart(l, `piece ${i}`);
    assert.ok(l.length <= MAX, `piece ${i} is ${l.length} long`);
  });
  assert.equal(lines.join("").split("********").length - 1, 2);
});

test("a multibyte character split between writes is kept whole", () => {
  const bytes = Buffer.from("é pw!x9\n", "utf8");
  const lines: string[] = [];
  const s = maskedLineSplitter(
    () => SECRETS,
    MAX,
    (l) => lines.push(l),
  );
  s.push(bytes.subarray(0, 1));
  s.push(bytes.subarray(1));
  s.end();
  assert.deepEqual(lines, ["é ********"]);
});
