#!/usr/bin/env node
// Bundles the CLI into one file: loading one module instead of hundreds keeps `quikship` quick to start.
// Native and optional modules stay external and load from node_modules.
import { build } from "esbuild";

await build({
  entryPoints: { quikship: "src/cli/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  external: ["better-sqlite3", "pg-native"],
  banner: { js: "import { createRequire as __qsCreateRequire } from 'node:module'; const require = __qsCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
