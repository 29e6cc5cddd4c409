#!/usr/bin/env node
// The installed command runs the bundled CLI. In a checkout whose sources are newer than the
// bundle (or that has none), it runs the TypeScript sources instead, so it is never stale.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const bundle = fileURLToPath(new URL("../dist/quikship.mjs", import.meta.url));
const sources = fileURLToPath(new URL("../src", import.meta.url));

function newerThan(dir, ms) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(path, ms) : statSync(path).mtimeMs > ms) return true;
  }
  return false;
}

const useBundle = existsSync(bundle) && !(existsSync(sources) && newerThan(sources, statSync(bundle).mtimeMs));
if (useBundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/entry.ts", import.meta.url).href);
}
