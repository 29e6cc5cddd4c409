#!/usr/bin/env node
// Bundles the CLI into one file: loading one module instead of hundreds keeps `quikship` quick to start.
// Native and optional modules stay external and load from node_modules.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Writes OUTDIR/quikship.mjs. OUTDIR must be inside the checkout, so the external modules resolve. */
export async function bundleCli(outdir = "dist") {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { quikship: "src/cli/main.ts" },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Each command's code is a chunk loaded when the command runs: `validate` never loads the server.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    legalComments: "none",
    // @fastify/swagger-ui serves its static files from its own package directory.
    // yaml is required on first use, only to locate a diagnostic (src/config/yaml-lib.ts).
    external: ["better-sqlite3", "pg-native", "@fastify/swagger-ui", "yaml"],
    banner: { js: "import { createRequire as __qsCreateRequire } from 'node:module'; const require = __qsCreateRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return `${outdir}/quikship.mjs`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleCli();
