#!/usr/bin/env node
// Bundles the CLI into one file: loading one module instead of hundreds keeps `quikship` quick to start.
// Native and optional modules stay external and load from node_modules.
// Then builds the dashboard (dashboard/, React + Vite) into dist/dashboard/, which the server serves at /.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const BANNER = {
  js: "import { createRequire as __qsCreateRequire } from 'node:module'; const require = __qsCreateRequire(import.meta.url);",
};

/** What both bundles share: ESM for Node 20, one chunk per dynamic import. */
const COMMON = {
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  sourcemap: true,
  legalComments: "none",
  // @fastify/swagger-ui serves its static files from its own package directory.
  // yaml is required on first use, only to locate a diagnostic (src/config/yaml-lib.ts).
  external: ["better-sqlite3", "pg-native", "@fastify/swagger-ui", "yaml"],
  banner: BANNER,
  logLevel: "warning",
};

/** The entry point's `import("./ci-plan-fast.js")` loads the bundle of `ci plan` (OUTDIR/ci-plan.mjs). */
const planBundle = {
  name: "ci-plan-bundle",
  setup(build) {
    build.onResolve({ filter: /^\.\/ci-plan-fast\.js$/ }, (args) =>
      args.importer.endsWith(join("src", "cli", "entry.ts")) ? { path: "./ci-plan.mjs", external: true } : undefined,
    );
  },
};

/**
 * Writes OUTDIR/quikship.mjs, OUTDIR/agent.mjs (the local agent's process) and OUTDIR/ci-plan.mjs.
 * OUTDIR must be inside the checkout, so the external modules resolve.
 *
 * `ci plan`, which CI runs on every push, is a bundle of its own: in the program's bundle its code
 * would be spread over the chunks all commands share (about twenty files to load, most of them
 * for code it never runs); alone, it is one file of what the plan needs, plus the platform
 * reader's chunks, loaded only when the platform must be read.
 */
export async function bundleCli(outdir = "dist") {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...COMMON,
    entryPoints: { quikship: "src/cli/entry.ts", agent: "src/local/agent/entry.ts" },
    outdir,
    // Each command's code is a chunk loaded when the command runs: `validate` never loads the server.
    chunkNames: "chunks/[name]-[hash]",
    plugins: [planBundle],
  });
  await build({
    ...COMMON,
    entryPoints: { "ci-plan": "src/cli/ci-plan-fast.ts" },
    outdir,
    chunkNames: "chunks/fast-[name]-[hash]",
  });
  return `${outdir}/quikship.mjs`;
}

/**
 * Builds the dashboard into OUTDIR (index.html and content-hashed assets/) with vite's own command
 * line, in a child process: vite stays out of the CLI bundle and out of what imports this file.
 */
export async function buildDashboard(outdir = "dist/dashboard", { concurrent = false } = {}) {
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  const args = [
    vite,
    "build",
    "dashboard",
    "--config",
    "dashboard/vite.config.js",
    "--outDir",
    resolve(outdir),
    "--emptyOutDir",
    "--logLevel",
    "warn",
    // Builds into directories of their own (the tests') may run side by side: vite refuses that
    // unless told its project lock does not apply.
    ...(concurrent ? ["--bypass-lock"] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise((done) => child.once("exit", (status, signal) => done(status ?? signal)));
  if (code !== 0) throw new Error(`building the dashboard failed (vite build exited ${code})`);
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleCli();
  await buildDashboard();
}
