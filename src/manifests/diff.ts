import type { RenderedFile } from "./types.js";
import { isKind } from "../kind.js";

export type FileChange =
  | { path: string; change: "added"; diff: string }
  | { path: string; change: "removed"; diff: string }
  | { path: string; change: "changed"; diff: string };

/** The files that differ between a previous tree and a new one, each with a unified diff; sorted by path. */
export function diffTrees(before: readonly RenderedFile[], after: readonly RenderedFile[]): FileChange[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const now = new Map(after.map((f) => [f.path, f.content]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) continue;
    const diff = unifiedDiff(path, a, b);
    if (a === undefined) changes.push({ path, change: "added", diff });
    else if (b === undefined) changes.push({ path, change: "removed", diff });
    else changes.push({ path, change: "changed", diff });
  }
  return changes;
}

const lines = (text: string | undefined): string[] =>
  text === undefined || text === "" ? [] : text.replace(/\n$/, "").split("\n");

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** The edit script of two line lists, from their longest common subsequence (the files are small). */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", line: a[i]!, a: i++, b: j++ });
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: "-", line: a[i]!, a: i++, b: j });
    else ops.push({ kind: "+", line: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** A unified diff with three lines of context, as `diff -u` and `git diff` print it. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  const ops = editScript(lines(before), lines(after));
  const header = [
    `--- ${before === undefined ? "/dev/null" : `a/${path}`}`,
    `+++ ${after === undefined ? "/dev/null" : `b/${path}`}`,
  ];
  const out = [...header];
  const changed = ops.flatMap((o, index) => (isKind(o, " ") ? [] : [index]));
  let g = 0;
  while (g < changed.length) {
    // Changes closer than 2 × context lines share a hunk.
    let last = g;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++;
    const hunk = ops.slice(Math.max(0, changed[g]! - context), Math.min(ops.length, changed[last]! + context + 1));
    // Lines of the old text (kept and removed), of the new one (kept and added).
    const aCount = hunk.filter((o) => isKind(o, " ", "-")).length;
    const bCount = hunk.filter((o) => isKind(o, " ", "+")).length;
    const aStart = aCount === 0 ? hunk[0]!.a : hunk[0]!.a + 1;
    const bStart = bCount === 0 ? hunk[0]!.b : hunk[0]!.b + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
    g = last + 1;
  }
  return `${out.join("\n")}\n`;
}
