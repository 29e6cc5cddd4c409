import { yaml } from "./yaml-lib.js";
import type { Document, YAMLError } from "yaml";

/**
 * The yaml library's errors say what the parser saw ("Implicit keys need to be on a single
 * line"); a person needs what they did wrong and where. Each rewrite keeps the offset on the
 * mistake rather than where the parser gave up.
 */
export function describeYamlError(
  error: YAMLError,
  text: string,
  doc: Document.Parsed,
): { offset: number; message: string } {
  const [start] = error.pos;
  const plain = (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, "");
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { offset: start, message: "a tab is used for indentation; indent with spaces" };
    case "BAD_INDENT": {
      const flow = /^Flow (map|sequence)/.exec(plain);
      if (flow) {
        const [open, close] = flow[1] === "map" ? ["{", "}"] : ["[", "]"];
        const opener = unclosedOpener(text, start, open, close);
        return {
          offset: opener ?? start,
          message: `"${open}" is not closed: end it with "${close}" on the same line, or indent the lines that continue it deeper than its key`,
        };
      }
      return {
        offset: firstNonBlank(text, start),
        message: "this key does not line up with the keys above it; keys of one mapping start at the same column",
      };
    }
    case "MULTILINE_IMPLICIT_KEY":
    case "BLOCK_AS_IMPLICIT_KEY": {
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      const lineEnd = text.indexOf("\n", start);
      const rest = text.slice(start, lineEnd === -1 ? undefined : lineEnd);
      if (/:(\s|$)/.test(rest)) {
        return {
          offset: start,
          message:
            'a value cannot be "key: value" on the same line; quote it, or put the mapping on the next lines, indented',
        };
      }
      // The value ends the line and the next line, indented deeper, reads as its continuation.
      if (/:\s|^\s*-\s/.test(text.slice(lineStart, start)) && lineEnd !== -1) {
        return {
          offset: firstNonBlank(text, lineEnd + 1),
          message:
            "this line is indented deeper than the key above it, which already has a value; line it up with the keys above",
        };
      }
      return {
        offset: start,
        message: 'this line is not "key: value" (or a list item "- value"); add the key and a colon',
      };
    }
    case "DUPLICATE_KEY": {
      const first = firstOfDuplicate(doc, text, start);
      const name = first ? `"${first.key}" ` : "";
      const where = first ? ` (first at line ${first.line})` : "";
      return { offset: start, message: `key ${name}appears twice in this mapping${where}; remove one` };
    }
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])quote/.exec(plain)?.[1];
      if (quote === undefined) return { offset: start, message: plain };
      const opener = text.lastIndexOf(quote, start - 1);
      return {
        offset: opener === -1 ? start : opener,
        message: `this quoted value is not closed; end it with ${quote}`,
      };
    }
    case "MULTIPLE_DOCS":
      return {
        offset: start,
        message:
          'a platform file holds one YAML document; remove this "---", or move what follows into its own file and name it under include:',
      };
    default:
      return { offset: start, message: plain };
  }
}

function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/** The `{` or `[` left open before `offset`, scanning back over balanced pairs. */
function unclosedOpener(text: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** The key repeated at `offset` and the line (1-based) of its first occurrence in the same mapping. */
function firstOfDuplicate(
  doc: Document.Parsed,
  text: string,
  offset: number,
): { key: string; line: number } | undefined {
  let found: { key: string; start: number } | undefined;
  yaml().visit(doc, {
    Map(_, map) {
      if (!yaml().isMap(map)) return;
      const duplicate = map.items.find((p) => yaml().isScalar(p.key) && p.key.range?.[0] === offset);
      if (!duplicate || !yaml().isScalar(duplicate.key)) return;
      const key = String(duplicate.key.value);
      const first = map.items.find((p) => yaml().isScalar(p.key) && String(p.key.value) === key);
      if (first && yaml().isScalar(first.key) && first.key.range) found = { key, start: first.key.range[0] };
      return yaml().visit.BREAK;
    },
  });
  if (!found) return undefined;
  return { key: found.key, line: text.slice(0, found.start).split("\n").length };
}
