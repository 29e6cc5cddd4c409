#!/usr/bin/env node
// Runs every test file explicitly: Node 20's bare `--test` does not find .ts files.
// Usage: npm test [-- PATTERN...]  (a pattern narrows the files by substring)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { buildDashboard, bundleCli } from "./build.js";

function find(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

/**
 * A test process killed by a signal cannot remove what it built (`bundle-PID`, `bundle-run-PID`,
 * `dashboard-run-PID` under test-output/): those of processes that no longer run are removed here.
 */
function removeOrphans(dir) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = /^(?:bundle|bundle-run|dashboard-run)-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// Usage: npm test [-- [--record] PATTERN...]. --record writes each file's duration to
// test/durations.json, which orders the next runs: the longest files start first, so the suite
// does not end waiting on one long file started last. Files not in it (new ones) start first too.
const args = process.argv.slice(2);
const record = args.includes("--record");
const patterns = args.filter((a) => a !== "--record");
const durationsFile = "test/durations.json";
let durations = {};
try {
  durations = JSON.parse(readFileSync(durationsFile, "utf8"));
} catch {
  // No record yet: alphabetical order.
}
const expected = (f) => durations[f] ?? Number.POSITIVE_INFINITY;
const files = [...find("src"), ...find("test")]
  .filter((f) => patterns.length === 0 || patterns.some((p) => f.includes(p)))
  .sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));
if (files.length === 0) {
  console.error(`no test files found${patterns.length ? ` matching ${patterns.join(", ")}` : ""}`);
  process.exit(1);
}
// Most test files wait on real processes (servers, PostgreSQL, terraform, Chromium) more than they
// compute, so files run two at a time even on two cores (the runner's default is cores - 1).
// QUIKSHIP_TEST_CONCURRENCY overrides it (1 runs the files one after another).
const concurrency = Number(process.env.QUIKSHIP_TEST_CONCURRENCY) || Math.max(2, availableParallelism() - 1);
const report = join(mkdtempSync(join(tmpdir(), "quikship-test-")), "durations.json");
const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"];
if (record) reporters.push("--test-reporter=./scripts/durations-reporter.js", `--test-reporter-destination=${report}`);
// The integration tests start the CLI bundled from the sources (test/support/cli-bundle.ts), and
// the browser tests serve the dashboard built from them (test/dashboard/browser.ts): each is built
// once here for every test process, instead of once in each.
const env = { ...process.env };
removeOrphans("test-output");
const bundleDir = `test-output/bundle-run-${process.pid}`;
const dashboardDir = `test-output/dashboard-run-${process.pid}`;
await Promise.all([
  files.some((f) => !f.startsWith("src")) &&
    bundleCli(bundleDir).then((entry) => (env.QUIKSHIP_TEST_CLI_BUNDLE = resolve(entry))),
  files.some((f) => readFileSync(f, "utf8").includes("freshDashboard(")) &&
    buildDashboard(dashboardDir, { concurrent: true }).then((dir) => (env.QUIKSHIP_TEST_DASHBOARD_DIR = resolve(dir))),
]);
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...reporters, ...files],
  { stdio: "inherit", env },
);
for (const dir of [bundleDir, dashboardDir]) rmSync(dir, { recursive: true, force: true });
if (record) {
  const measured = {};
  for (const [file, ms] of Object.entries(JSON.parse(readFileSync(report, "utf8"))))
    measured[relative(process.cwd(), file)] = Math.round(ms);
  const merged = Object.fromEntries(
    Object.entries({ ...durations, ...measured }).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(durationsFile, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`recorded ${Object.keys(measured).length} files' durations in ${durationsFile}`);
}
process.exit(result.status ?? 1);
