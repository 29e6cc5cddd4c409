#!/usr/bin/env node
// Runs every test file, each in a process of its own, a few at a time, and kills a file that runs
// past its time limit: a file that never ends (a child process left running keeps it alive) fails
// on its own instead of holding up the suite until CI gives up.
// Usage: npm test [-- [--record] PATTERN...]  (a pattern narrows the files by substring)
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
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

/** The processes of a group still running (zombies aside), as "PID COMMAND". */
function groupMembers(pgid) {
  const ps = spawnSync("ps", ["-o", "pid=,stat=,args=", "-g", String(pgid)], { encoding: "utf8" });
  return (ps.stdout ?? "")
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m) => m && !m[2].startsWith("Z"))
    .map((m) => `${m[1]} ${m[3].slice(0, 120)}`);
}

/** Sends a signal to every process of a group; false when none is left. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
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
// compute, so files run two at a time even on two cores (one fewer than the cores, if more).
// QUIKSHIP_TEST_CONCURRENCY overrides it (1 runs the files one after another).
const concurrency = Number(process.env.QUIKSHIP_TEST_CONCURRENCY) || Math.max(2, availableParallelism() - 1);
// A file's time limit: five times its recorded duration, and never under five minutes (the
// recorded durations come from one machine; CI's may be slower). QUIKSHIP_TEST_FILE_TIMEOUT (seconds)
// sets one limit for every file.
const fixedLimit = Number(process.env.QUIKSHIP_TEST_FILE_TIMEOUT) * 1000;
const limitOf = (file) => fixedLimit || Math.max(300_000, 5 * (durations[file] ?? 0));

// The integration tests start the CLI bundled from the sources (test/support/cli-bundle.ts), and
// the browser tests serve the dashboard built from them (test/dashboard/browser.ts): each is built
// once here for every test process, instead of once in each.
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;
if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = "1";
removeOrphans("test-output");
const bundleDir = `test-output/bundle-run-${process.pid}`;
const dashboardDir = `test-output/dashboard-run-${process.pid}`;
await Promise.all([
  files.some((f) => !f.startsWith("src")) &&
    bundleCli(bundleDir).then((entry) => (env.QUIKSHIP_TEST_CLI_BUNDLE = resolve(entry))),
  files.some((f) => readFileSync(f, "utf8").includes("freshDashboard(")) &&
    buildDashboard(dashboardDir, { concurrent: true }).then((dir) => (env.QUIKSHIP_TEST_DASHBOARD_DIR = resolve(dir))),
]);

const running = new Set();
const cleanUp = () => {
  for (const dir of [bundleDir, dashboardDir]) rmSync(dir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const pid of running) signalGroup(pid, "SIGKILL");
    cleanUp();
    process.exit(130);
  });
}

/**
 * Runs one file with Node's test runner in a process group of its own. Whatever the file leaves
 * running in that group once it exits (a server it never stopped) is killed and reported; a file
 * past its limit is killed with its group and fails.
 */
function runFile(file) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", file], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child.pid);
  const chunks = [];
  child.stdout.on("data", (chunk) => chunks.push(chunk));
  child.stderr.on("data", (chunk) => chunks.push(chunk));
  const notes = [];
  // Set when the file ran past its limit: it fails, whatever its exit.
  let pastLimit;
  const limit = limitOf(file);
  const timer = setTimeout(() => {
    pastLimit = `past its limit of ${limit / 1000} s`;
    notes.push(`✖ ${file} ran past its limit of ${limit / 1000} s: killed with every process it started`);
    signalGroup(child.pid, "SIGTERM");
    setTimeout(() => signalGroup(child.pid, "SIGKILL"), 5_000).unref();
  }, limit);
  return new Promise((done) => {
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      // Output still in the pipes arrives within moments; a process the file left behind may hold
      // them open for ever, so the file ends at its exit, not at its pipes' close.
      setTimeout(() => {
        const left = pastLimit ? [] : groupMembers(child.pid);
        if (left.length > 0) notes.push(`⚠ ${file} left processes running after it ended, killed: ${left.join("; ")}`);
        signalGroup(child.pid, "SIGKILL");
        child.stdout.destroy();
        child.stderr.destroy();
        running.delete(child.pid);
        done({
          file,
          ms,
          ok: code === 0 && pastLimit === undefined,
          reason: pastLimit ?? `exit ${code ?? signal}`,
          output: Buffer.concat(chunks).toString(),
          notes,
        });
      }, 200);
    });
  });
}

const counts = { tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
const results = [];
const suiteStarted = Date.now();
const queue = [...files];
async function worker() {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const result = await runFile(file);
    results.push(result);
    process.stdout.write(
      `\n# ${file} (${(result.ms / 1000).toFixed(1)} s)${result.ok ? "" : ` failed: ${result.reason}`}\n`,
    );
    process.stdout.write(result.output);
    for (const note of result.notes) process.stdout.write(`${note}\n`);
    // The spec reporter ends each file with its counts ("ℹ pass 12"): the suite's totals add them up.
    for (const [, name, n] of stripVTControlCharacters(result.output).matchAll(/^ℹ (\w+) (\d+)$/gm))
      if (name in counts) counts[name] += Number(n);
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
cleanUp();

const failed = results.filter((r) => !r.ok);
const seconds = ((Date.now() - suiteStarted) / 1000).toFixed(0);
console.log(
  `\n${files.length} files in ${seconds} s, ${concurrency} at a time: ${files.length - failed.length} passed, ${failed.length} failed`,
);
console.log(
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", "),
);
for (const r of failed) console.log(`✖ ${r.file} (${r.reason})`);

if (record) {
  const measured = Object.fromEntries(results.map((r) => [r.file, r.ms]));
  const merged = Object.fromEntries(
    Object.entries({ ...durations, ...measured }).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(durationsFile, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`recorded ${results.length} files' durations in ${durationsFile}`);
}
process.exit(failed.length === 0 ? 0 : 1);
