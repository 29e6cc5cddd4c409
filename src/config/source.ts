import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { Diagnostic, PathSegment } from "./diagnostics.js";

/** One parsed YAML file, kept with what is needed to turn a path into a line and column. */
export interface SourceFile {
  /** As shown to the user: relative to the working directory when inside it. */
  displayPath: string;
  absolutePath: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function parseSource(displayPath: string, absolutePath: string, text: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const file: SourceFile = { displayPath, absolutePath, doc, lines };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const pos = lines.linePos(error.pos[0]);
    const firstLine = error.message.split("\n")[0] ?? error.message;
    diagnostics.push({
      severity: "error",
      file: displayPath,
      line: pos.line,
      column: pos.col,
      path: [],
      message: `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`,
    });
  }
  return { file, diagnostics };
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * The position of `path` in a file: the value's node when it exists, the key when the value is
 * empty or `pointAtKey` asks for it, else the deepest ancestor that exists.
 */
export function positionOf(file: SourceFile, path: readonly PathSegment[], pointAtKey = false): { line: number; column: number } {
  let node: unknown = file.doc.contents;
  let anchor: Node | null = (file.doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(keyOf(p.key)) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if ((last && pointAtKey) || valueNode === null || valueNode.range == null) {
        anchor = keyNode ?? anchor;
        node = valueNode;
        if (last) break;
        continue;
      }
      anchor = valueNode;
      node = valueNode;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      anchor = item;
      node = item;
    } else break;
  }
  const offset = anchor?.range?.[0] ?? 0;
  const pos = file.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
