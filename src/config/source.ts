import { yaml } from "./yaml-lib.js";
import type { Document, LineCounter, Node } from "yaml";
import type { Diagnostic, PathSegment } from "./diagnostics.js";
import { readPlainMapping } from "./plain-yaml.js";
import { describeYamlError } from "./yaml-errors.js";

/** What a file holds: a mapping (its data), nothing, something else, or a mistake that stops its reading. */
export type SourceContent =
  | { kind: "mapping"; data: Record<string, unknown> }
  | { kind: "empty" }
  | { kind: "not-mapping" }
  | { kind: "invalid"; diagnostic: Diagnostic };

/**
 * One YAML file: its text, its content, and what is needed to turn a path into a line and column.
 * The content comes from a fast parser that keeps no positions whenever it reads the file exactly as
 * `yaml` would; the positioned `yaml` document is built the first time a position is asked for, which
 * is only when there is something to report.
 */
export class SourceFile {
  readonly content: SourceContent;
  #positioned: { doc: Document.Parsed; lines: LineCounter } | undefined;

  constructor(
    /** As shown to the user: relative to the working directory when inside it. */
    readonly displayPath: string,
    readonly absolutePath: string,
    readonly text: string,
  ) {
    const data = readPlainMapping(text);
    this.content = data ? { kind: "mapping", data } : contentOf(this);
  }

  get doc(): Document.Parsed {
    return this.#parse().doc;
  }

  get lines(): LineCounter {
    return this.#parse().lines;
  }

  #parse(): { doc: Document.Parsed; lines: LineCounter } {
    if (!this.#positioned) {
      const lines = new (yaml().LineCounter)();
      const doc = yaml().parseDocument(this.text, {
        lineCounter: lines,
        prettyErrors: false,
        uniqueKeys: true,
        keepSourceTokens: false,
      });
      this.#positioned = { doc, lines };
    }
    return this.#positioned;
  }
}

/** The content read from the positioned document: what the fast parser declined, with `yaml`'s own messages. */
function contentOf(file: SourceFile): SourceContent {
  // Only the first error: the parser's later errors are mostly the same mistake seen again.
  const first = file.doc.errors[0];
  if (first) {
    const { offset, message } = describeYamlError(first, file.text, file.doc);
    return { kind: "invalid", diagnostic: fileError(file, offset, `YAML syntax error: ${message}`) };
  }
  const contents = file.doc.contents;
  if (contents === null || (yaml().isScalar(contents) && contents.value === null)) return { kind: "empty" };
  if (!yaml().isMap(contents)) return { kind: "not-mapping" };
  const converted = toData(file);
  if (!converted.ok) return { kind: "invalid", diagnostic: converted.diagnostic };
  return { kind: "mapping", data: converted.data as Record<string, unknown> };
}

function fileError(file: SourceFile, offset: number, message: string): Diagnostic {
  const pos = file.lines.linePos(offset);
  return { severity: "error", file: file.displayPath, line: pos.line, column: pos.col, path: [], message };
}

/** A key that cannot become a property name: a list or mapping as key, or one that would set the prototype. */
function unusableKey(file: SourceFile): Diagnostic | undefined {
  let found: Diagnostic | undefined;
  yaml().visit(file.doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key === null) return undefined;
      const offset = key.range?.[0] ?? 0;
      if (!yaml().isScalar(key)) found = fileError(file, offset, "a key must be a plain name, not a list or a mapping");
      else if (key.value === "__proto__") found = fileError(file, offset, 'the key "__proto__" is not allowed');
      return found ? yaml().visit.BREAK : undefined;
    },
  });
  return found;
}

/** The document as plain data, or the diagnostic of a key it cannot have or an alias that cannot be expanded. */
function toData(file: SourceFile): { ok: true; data: unknown } | { ok: false; diagnostic: Diagnostic } {
  const badKey = unusableKey(file);
  if (badKey) return { ok: false, diagnostic: badKey };
  try {
    return { ok: true, data: file.doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const unresolved = /Unresolved alias.*: (.+)$/.exec(text)?.[1];
    let offset = 0;
    yaml().visit(file.doc, {
      Alias(_, alias) {
        if (unresolved !== undefined && alias.source !== unresolved) return undefined;
        offset = alias.range?.[0] ?? 0;
        return yaml().visit.BREAK;
      },
    });
    const message =
      unresolved !== undefined
        ? `alias "*${unresolved}" names no anchor "&${unresolved}" before it`
        : "aliases expand to too much data (more than 100 aliases); write the values out";
    return { ok: false, diagnostic: fileError(file, offset, message) };
  }
}

/** No value written after the key: yaml gives an empty null scalar, placed after the colon. */
function isEmpty(node: Node | null): boolean {
  if (node === null || node.range == null) return true;
  return yaml().isScalar(node) && node.value === null && node.range[0] === node.range[1];
}

function keyOf(node: unknown): unknown {
  return yaml().isScalar(node) ? node.value : node;
}

/**
 * The position of `path` in a file: the value's node when it exists, the key when the value is
 * empty or `pointAtKey` asks for it. When the path goes further than the file does (a missing
 * key), the key that holds the deepest part that exists: "auth:" for a missing services.auth.stack.
 */
export function positionOf(
  file: SourceFile,
  path: readonly PathSegment[],
  pointAtKey = false,
): { line: number; column: number } {
  let node: unknown = file.doc.contents;
  let anchor: Node | null = file.doc.contents;
  let holder: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => String(keyOf(p.key)) === String(segment));
      if (!pair) {
        anchor = holder ?? anchor;
        break;
      }
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      holder = keyNode;
      if ((last && pointAtKey) || isEmpty(valueNode)) {
        anchor = keyNode ?? anchor;
        node = valueNode;
        if (last) break;
        continue;
      }
      anchor = valueNode;
      node = valueNode;
    } else if (yaml().isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) {
        anchor = holder ?? anchor;
        break;
      }
      anchor = item;
      holder = item;
      node = item;
    } else break;
  }
  const offset = anchor?.range?.[0] ?? 0;
  const pos = file.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
