/**
 * One value of a git config file, read without starting git (`ci plan` spends its time on
 * processes). The syntax of git-config(1): `[section "subsection"]` (or the older
 * `[section.subsection]`), case-insensitive section and key names, quoted values with `\` escapes,
 * `#` and `;` comments, lines continued by a final `\`; the last value wins, as `git config --get`.
 * A file that includes others cannot be answered alone: the caller asks git.
 */
import { readFileSync } from "node:fs";

export type ConfigRead = { kind: "value"; value: string } | { kind: "absent" } | { kind: "unknown" };

interface Header {
  section: string;
  subsection: string | undefined;
  rest: string;
}

function header(line: string): Header | undefined {
  const quoted = /^\[\s*([A-Za-z0-9.-]+)\s+"((?:[^"\\]|\\.)*)"\s*\](.*)$/.exec(line);
  if (quoted)
    return { section: quoted[1]!.toLowerCase(), subsection: quoted[2]!.replace(/\\(.)/g, "$1"), rest: quoted[3]! };
  const plain = /^\[\s*([A-Za-z0-9-]+)(?:\.([^\]\s]*))?\s*\](.*)$/.exec(line);
  if (!plain) return undefined;
  return { section: plain[1]!.toLowerCase(), subsection: plain[2]?.toLowerCase(), rest: plain[3]! };
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", b: "\b", "\\": "\\", '"': '"' };

/**
 * The value after `=` as git reads it: quotes removed, escapes applied, a comment outside quotes
 * dropped, outer blanks dropped and each inner unquoted blank read as a space.
 */
function value(raw: string): string {
  let out = "";
  let quoted = false;
  let spaces = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (!quoted && /\s/.test(c)) {
      if (out.length > 0) spaces++;
      continue;
    }
    if (!quoted && (c === "#" || c === ";")) break;
    out += " ".repeat(spaces);
    spaces = 0;
    if (c === '"') quoted = !quoted;
    else if (c === "\\" && i + 1 < raw.length) out += ESCAPES[raw[++i]!] ?? raw[i]!;
    else out += c;
  }
  return out;
}

/** Physical lines joined where one ends in an unescaped `\`. */
function logicalLines(text: string): string[] {
  return text.replace(/(?<!\\)((?:\\\\)*)\\\r?\n/g, "$1").split(/\r?\n/);
}

export function readConfigValue(file: string, section: string, subsection: string, key: string): ConfigRead {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { kind: "unknown" };
  }
  let found: string | undefined;
  let inSection = false;
  for (const raw of logicalLines(text)) {
    let line = raw.trim();
    const h = line.startsWith("[") ? header(line) : undefined;
    if (h) {
      if (h.section === "include" || h.section === "includeif") return { kind: "unknown" };
      inSection = h.section === section && h.subsection === subsection;
      line = h.rest.trim();
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(=(.*))?$/.exec(line);
    if (inSection && entry && entry[1]!.toLowerCase() === key) found = value(entry[3] ?? "");
  }
  return found === undefined ? { kind: "absent" } : { kind: "value", value: found };
}
