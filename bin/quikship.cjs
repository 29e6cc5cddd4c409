#!/usr/bin/env node
// The installed command runs the bundled CLI. In a checkout whose sources are newer than the
// bundle (or that has none), it runs the TypeScript sources instead, so it is never stale.
// CommonJS, as the bundle's entry point is (src/cli/launch.ts): a `ci plan` that reads the
// platform never starts Node's ES module loader.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const bundle = join(__dirname, "..", "dist", "quikship.cjs");
const sources = join(__dirname, "..", "src");

function newerThan(dir, ms) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(path, ms) : statSync(path).mtimeMs > ms) return true;
  }
  return false;
}

const useBundle = existsSync(bundle) && !(existsSync(sources) && newerThan(sources, statSync(bundle).mtimeMs));
if (useBundle) require(bundle);
else
  void import("tsx/esm/api").then(({ register }) => {
    register();
    return import(pathToFileURL(join(sources, "cli", "entry.ts")).href);
  });
