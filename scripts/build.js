#!/usr/bin/env node
// Bundles the CLI into one file: loading one module instead of hundreds keeps `quikship` quick to start.
// Native and optional modules stay external and load from node_modules.
// Then builds the dashboard (dashboard/, React + Vite) into dist/dashboard/, which the server serves at /.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
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

/** The launcher's `import("./entry.js")` is the program's bundle, OUTDIR/quikship.mjs. */
const programBundle = {
  name: "program-bundle",
  setup(build) {
    build.onResolve({ filter: /^\.\/entry\.js$/ }, (args) =>
      args.importer.endsWith(join("src", "cli", "launch.ts")) ? { path: "./quikship.mjs", external: true } : undefined,
    );
  },
};

/**
 * Writes the command's bundles into OUTDIR (inside the checkout, so the external modules resolve)
 * and returns the path of its entry point, OUTDIR/quikship.cjs (src/cli/launch.ts), which runs:
 * - OUTDIR/ci-plan.cjs for a plain `ci plan`, which CI runs on every push: the plan and the
 *   platform reader in one CommonJS file, without the chunks the program's commands share, compiled
 *   from the code caches written beside it (src/cli/code-cache.ts);
 * - OUTDIR/quikship.mjs, the program (src/cli/entry.ts), for anything else: each command's code is
 *   a chunk loaded when the command runs, so `validate` never loads the server.
 * OUTDIR/agent.mjs is the local agent's process.
 */
export async function bundleCli(outdir = "dist") {
  rmSync(outdir, { recursive: true, force: true });
  // Names this build in every bundle: the platform cache keeps one build's entries apart from another's.
  const common = { ...COMMON, define: { __QUIKSHIP_BUILD__: JSON.stringify(randomUUID()) } };
  await build({
    ...common,
    entryPoints: { quikship: "src/cli/entry.ts", agent: "src/local/agent/entry.ts" },
    outdir,
    chunkNames: "chunks/[name]-[hash]",
  });
  // CommonJS has no import.meta. Its one use in these bundles is createRequire(import.meta.url),
  // which takes the module's path as well as its URL.
  const commonJs = {
    ...common,
    outdir,
    splitting: false,
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    define: { ...common.define, "import.meta.url": "__filename" },
    banner: {},
  };
  // Less source to read and to parse; identifiers keep their names (errors name their class).
  await build({
    ...commonJs,
    entryPoints: { "ci-plan": "src/cli/ci-plan-fast.ts" },
    minifyWhitespace: true,
    minifySyntax: true,
  });
  await build({
    ...commonJs,
    entryPoints: { quikship: "src/cli/launch.ts", "plan-code-cache": "src/cli/plan-code-cache.ts" },
    plugins: [programBundle],
  });
  await writePlanCodeCache(outdir);
  return `${outdir}/quikship.cjs`;
}

/** Writes the code caches of OUTDIR/ci-plan.cjs (src/cli/plan-code-cache.ts), in a Node started without options. */
async function writePlanCodeCache(outdir) {
  const child = spawn(process.execPath, [join(outdir, "plan-code-cache.cjs"), resolve("examples/quikapp")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const code = await new Promise((done) => child.once("exit", (status, signal) => done(status ?? signal)));
  if (code !== 0 || !existsSync(join(outdir, "ci-plan.cjs.read.v8")))
    throw new Error(`writing the code caches of ci plan failed (exited ${code})`);
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
