import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { readPlainMapping } from "./plain-yaml.js";

/** What `yaml` makes of a text, as the loader reads it: the data of a mapping without errors, else undefined. */
function yamlMapping(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return typeof data === "object" && data !== null && !Array.isArray(data) ? data : undefined;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : [],
  );
}

/** A deterministic sequence of numbers below n (mulberry32). */
function randomFrom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe("readPlainMapping", () => {
  test("reads every file of the reference platform, as yaml does", () => {
    const files = yamlFiles(fileURLToPath(new URL("../../examples/quikapp", import.meta.url)));
    assert.ok(files.length > 20);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const fast = readPlainMapping(text);
      assert.notEqual(fast, undefined, `${file} is left to yaml`);
      assert.deepEqual(fast, yamlMapping(text), file);
    }
  });

  test("resolves plain scalars with yaml's core schema, not js-yaml's", () => {
    const text = [
      "a: [0o17, 017, 0x1F, +12, -0, 1_000, 0b11, -0x1F, +0x1]",
      "b: [1.5, .5, 1., 1e3, -1.5E-3, .inf, -.Inf, .NaN, 1.2.3]",
      "c: [null, Null, NULL, ~, '', nULL, true, True, TRUE, tRUE, yes, no, on, off, y]",
      "d: [2001-12-14, 12:30:00, 1:2, '1', \"2\"]",
      "<<: {merge: no}",
      "e:",
      "1: integer key",
      "true: boolean key",
      "1.50: float key",
      "",
    ].join("\n");
    const fast = readPlainMapping(text);
    assert.notEqual(fast, undefined);
    assert.deepEqual(fast, yamlMapping(text));
  });

  test("leaves to yaml what the two parsers read differently", () => {
    const differing = [
      "%YAML 1.1\n---\na: yes\n", // a directive
      "--- a: b\n", // content on a document marker's line
      "---a: 1\n",
      "? [a, b]\n: c\n", // an explicit key
      "[a, b]: c\n", // a flow collection as a key
      "a: b\rc: d\r", // a lone CR
      "a:\n\t- b\n", // a tab in the indentation
      "a: [b]#c\n", // a comment not separated by a space
      'a: "b"#c\n',
      "a: {b: c\n# c\n  }\n", // a comment line in a flow collection
      "k:\n  -\n- b\n", // an empty list entry
      "k: |1\n  x\n", // an indentation indicator
      "k: |+\n\n  ", // a block scalar at the end of a file without a newline
      "k: |\n  \n #a\n", // a block scalar's blank line with spaces
      "k:\n#c\n  x\ny: 1\n", // a scalar after a less indented comment line
      "a: &x 1\nb: *x\n", // an anchor and an alias
      "a: !!str 1\n", // a tag
      "k: !|\n  >-\n  ab\n",
      "null: 1\n", // a null key
      "__proto__: 1\n",
      "a: 1\na: 2\n", // a duplicate key
      `${"k".repeat(1030)}: 1\n`, // a key too long for yaml
      "- a\n", // not a mapping
      "",
    ];
    for (const text of differing) assert.equal(readPlainMapping(text), undefined, JSON.stringify(text));
  });

  test("never reads a generated text differently from yaml", () => {
    const pieces = [
      "a",
      "1",
      ": ",
      ":",
      " ",
      "\n",
      "\n  ",
      "- ",
      "#",
      " #",
      "'",
      '"',
      "[",
      "]",
      "{",
      "}",
      ", ",
      "?",
      "&",
      "*",
      "!",
      "|",
      ">",
      "\t",
      "\\",
      "%",
      "~",
      "0x1",
      ".5",
      "---",
      "\r\n",
      "\n#c\n",
      "key: ",
    ];
    const random = randomFrom(7);
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = random(2) ? "k: " : "";
      for (let j = 2 + random(12); j > 0; j--) text += pieces[random(pieces.length)];
      const fast = readPlainMapping(text);
      if (fast === undefined) continue;
      read++;
      assert.deepEqual(fast, yamlMapping(text), JSON.stringify(text));
    }
    assert.ok(read > 1000, `only ${read} texts were read on the fast path`);
  });
});
