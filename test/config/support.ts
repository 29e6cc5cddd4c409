import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../../src/config/diagnostics.js";
import { formatPath } from "../../src/config/diagnostics.js";

const created: string[] = [];

/** Writes `files` (relative path → text) into a fresh temporary directory and returns its path. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "quikship-config-"));
  created.push(dir);
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

/** Removes every tree writeTree made. */
export function removeTrees(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `file:line:col path` with the file relative to the tree, so expectations do not depend on the temp dir. */
export function placeOf(d: Diagnostic, dir: string): string {
  return `${relative(dir, resolve(d.file))}:${d.line}:${d.column} ${formatPath(d.path)}`;
}

/** The message with the tree's directory taken out of the file names it mentions. */
export function messageOf(d: Diagnostic, dir: string): string {
  return d.message.replaceAll(`${dir}${sep}`, "");
}

/** Replaces each `from` in `text` once; throws when one is missing so a stale edit cannot pass silently. */
export function edit(text: string, ...replacements: [from: string, to: string][]): string {
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} is not in the text`);
    out = out.replace(from, to);
  }
  return out;
}
