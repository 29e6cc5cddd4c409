import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

/*
 * A fast reading of a platform file to plain data, without positions: js-yaml reads the files
 * several times faster than `yaml` builds its documents, cold. It answers only when its data is
 * exactly what `yaml` gives; for anything the two read differently, or that `yaml` reports, it
 * answers undefined and the file is read by `yaml`, with `yaml`'s messages and positions. Each
 * difference below was found by comparing the two parsers on generated files.
 */

type Form = readonly [test: RegExp, construct: (s: string) => number];

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const BOOLS = new Map([
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
]);
const INTS: Form[] = [
  [/^0o[0-7]+$/, (s) => parseInt(s.slice(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.slice(2), 16)],
];
const FLOATS: Form[] = [
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (s) => (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity),
  ],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
];
/** Every number starts so; most plain scalars are words and skip the tests. */
const NUMBER_START = /^[-+.0-9]/;

const scalarType = (name: string, resolve: (s: string) => boolean, construct: (s: string) => unknown): Type =>
  new Type(`tag:yaml.org,2002:${name}`, {
    kind: "scalar",
    resolve: (s: string | null) => resolve(s ?? ""),
    construct: (s: string | null) => construct(s ?? ""),
  });

const numberType = (name: string, forms: Form[]): Type => {
  const formOf = (s: string): Form | undefined =>
    NUMBER_START.test(s) ? forms.find(([test]) => test.test(s)) : undefined;
  return scalarType(
    name,
    (s) => formOf(s) !== undefined,
    (s) => formOf(s)![1](s),
  );
};

/**
 * `yaml`'s core schema (YAML 1.2) with its tests, so a plain scalar resolves to the same value.
 * js-yaml's own core schema differs (0b binary, signed hex); it keeps one type per tag.
 */
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType(
      "null",
      (s) => NULLS.has(s),
      () => null,
    ),
    scalarType(
      "bool",
      (s) => BOOLS.has(s),
      (s) => BOOLS.get(s),
    ),
    numberType("int", INTS),
    numberType("float", FLOATS),
  ],
});

/** Text the two parsers read differently. */
const DIFFERING: RegExp[] = [
  /^%/m, // a directive: `%YAML 1.1` changes the schema
  /^(?:---|\.\.\.)(?!(?:[ \t]+(?:#.*)?)?$)/m, // more on a document marker's line (`---a` is a key to `yaml`)
  /(?:^|[\s,[{])\?(?:\s|$)/m, // an explicit key, which may be a list or a mapping
  /\r(?!\n)/, // a lone CR: a line break to js-yaml, content to `yaml`
  /^ *\t/m, // a tab in the indentation, which `yaml` reports and js-yaml may take as a space
  /[,[\]{}]#/, // a comment not separated by a space, which `yaml` reports (after a quote: see the listener)
  /^[ \t]*(?:-[ \t]+)*-[ \t]*(?:#.*)?$/m, // an empty list entry, after which js-yaml misplaces the next
  /(?:^|\s)[|>][+-]?[1-9]/m, // a block scalar's indentation indicator
];
const BLOCK_SCALAR = /(?:^|\s)[|>][+-]?[ \t]*(?:#.*)?$/m;
const SPACES_ONLY_LINE = /^[ \t]+\r?$/m;

function mayDiffer(text: string): boolean {
  if (DIFFERING.some((pattern) => pattern.test(text)) || hasLongLine(text)) return true;
  // A block scalar's blank lines with spaces, and its last line when the file does not end with a newline.
  return BLOCK_SCALAR.test(text) && (SPACES_ONLY_LINE.test(text) || !text.endsWith("\n"));
}

/** `yaml` refuses an implicit key whose ":" is over 1,024 characters from its start; js-yaml has no such limit. */
function hasLongLine(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const end = text.indexOf("\n", start);
    if ((end === -1 ? text.length : end) - start > 1024) return true;
    if (end === -1) break;
    start = end + 1;
  }
  return false;
}

/** Where a node's first token is, after spaces and comments (a tag, an anchor or an alias would be there), and whether a comment came before it. */
function leadOf(input: string, from: number): { at: number; afterComment: boolean } {
  let afterComment = false;
  for (let at = from; at < input.length; at++) {
    const c = input[at];
    if (c === "#") {
      afterComment = true;
      at = input.indexOf("\n", at);
      if (at === -1) break;
    } else if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") return { at, afterComment };
  }
  return { at: input.length, afterComment };
}

/** The first character after `from` on the same line, past spaces. */
function nextOnLine(input: string, from: number): string {
  let i = from;
  while (input[i] === " " || input[i] === "\t") i++;
  return input[i] ?? "";
}

/** Stops js-yaml: the file is left to `yaml`. */
const decline = (): never => {
  throw new Error("left to yaml");
};

/**
 * The file's data when it is a mapping read exactly as `yaml` reads it; undefined otherwise.
 * Declined too: tags, anchors and aliases (`yaml` limits alias expansion and refuses an alias as a
 * key; js-yaml drops a tag in places), a list or mapping as a key (js-yaml makes it a string), and
 * js-yaml's warnings (deficient indentation, which `yaml` reports).
 */
export function readPlainMapping(text: string): Record<string, unknown> | undefined {
  if (mayDiffer(text)) return undefined;
  const starts: number[] = [];
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_SCHEMA,
      onWarning: decline,
      listener(event, state) {
        if (event === "open") return void starts.push(state.position);
        const { input, kind, position } = state;
        const { at, afterComment } = leadOf(input, starts.pop() ?? 0);
        const first = input[at];
        if (first === "!" || first === "&" || first === "*") decline();
        switch (kind) {
          case "scalar":
            // `yaml` takes a scalar after a less indented comment line for a key spanning lines.
            if (afterComment) decline();
            // A comment right after a closing quote, which `yaml` reports.
            if ((first === '"' || first === "'") && input[position] === "#") decline();
            break;
          case "mapping":
          case "sequence":
            if (nextOnLine(input, position) === ":") decline();
            // In a flow collection, `yaml` refuses a comment line after a plain scalar.
            if ((first === "{" || first === "[") && /\n[ \t]*#/.test(input.slice(at, position))) decline();
            break;
        }
      },
    });
  } catch {
    return undefined;
  }
  // Anything else (an empty file, a list, a scalar) is left to `yaml`, which may call it a syntax error.
  if (typeof data !== "object" || data === null || Array.isArray(data) || !keysAgree(data)) return undefined;
  return data as Record<string, unknown>;
}

/** Whether every key reads the same in both parsers: a null key is "null" to js-yaml and "" to `yaml`, which refuses "__proto__". */
function keysAgree(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every(keysAgree);
  for (const [key, inner] of Object.entries(value)) {
    if (key === "null" || key === "__proto__" || !keysAgree(inner)) return false;
  }
  return true;
}
