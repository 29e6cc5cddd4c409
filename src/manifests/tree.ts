import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RenderedFile, Rendering } from "./types.js";

/**
 * The directories a rendering owns inside a tree: its environment's overlay and the bases it
 * renders. Other environments' overlays and other services' bases are left alone.
 */
export function ownedDirectories(rendering: Rendering): string[] {
  const dirs = new Set<string>([`overlays/${rendering.environment}`]);
  for (const file of rendering.files) {
    const match = /^base\/[^/]+/.exec(file.path);
    if (match) dirs.add(match[0]);
  }
  return [...dirs].sort();
}

/**
 * What a diff compares: with every service rendered, the whole overlay; with some (`partial`),
 * only theirs, so the services left out do not show as removed.
 */
export function diffScope(rendering: Rendering, partial: boolean): string[] {
  if (!partial) return ownedDirectories(rendering);
  const overlay = `overlays/${rendering.environment}`;
  const bases = ownedDirectories(rendering).filter((d) => d.startsWith("base/"));
  return [...bases, `${overlay}/annotations.yaml`, ...rendering.services.map((s) => `${overlay}/${s}`)].sort();
}

/** Whether a path lies in one of the scope's files or directories. */
export function inScope(path: string, scope: readonly string[]): boolean {
  return scope.some((s) => path === s || path.startsWith(`${s}/`));
}

/**
 * Makes the rendering's directories under `root` hold exactly its files: changed and new files
 * are written, unchanged ones left as they are, stale ones (a previous rendering's) removed.
 */
export function writeTree(root: string, rendering: Rendering): void {
  const wanted = new Map(rendering.files.map((f) => [f.path, f.content]));
  const existing = readTree(root, ownedDirectories(rendering));
  const emptied = new Set<string>();
  for (const file of existing)
    if (!wanted.has(file.path)) {
      rmSync(join(root, file.path), { force: true });
      emptied.add(dirname(join(root, file.path)));
    }
  const unchanged = new Set(existing.filter((f) => wanted.get(f.path) === f.content).map((f) => f.path));
  const made = new Set<string>();
  for (const file of rendering.files) {
    if (unchanged.has(file.path)) continue;
    const path = join(root, file.path);
    const dir = dirname(path);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    writeFileSync(path, file.content);
  }
  // A directory whose files all went (a service no longer rendered) goes too, up to the root.
  for (let dir of [...emptied].sort().reverse())
    while (dir.startsWith(`${root}/`) && existsSync(dir) && readdirSync(dir).length === 0) {
      rmSync(dir, { recursive: true });
      dir = dirname(dir);
    }
}

/** The files of the given directories under `root`, as a rendering would hold them. */
export function readTree(root: string, dirs: readonly string[]): RenderedFile[] {
  const files: RenderedFile[] = [];
  const walk = (relative: string): void => {
    const path = join(root, relative);
    if (!existsSync(path)) return;
    if (!statSync(path).isDirectory()) {
      files.push({ path: relative, content: readFileSync(path, "utf8") });
      return;
    }
    for (const name of readdirSync(path).sort()) walk(`${relative}/${name}`);
  };
  for (const dir of dirs) walk(dir);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
