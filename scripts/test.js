#!/usr/bin/env node
// Runs every test file explicitly: Node 20's bare `--test` does not find .ts files.
// Usage: npm test [-- PATTERN...]  (a pattern narrows the files by substring)
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

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

const patterns = process.argv.slice(2);
const files = [...find("src"), ...find("test")]
  .filter((f) => patterns.length === 0 || patterns.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error(`no test files found${patterns.length ? ` matching ${patterns.join(", ")}` : ""}`);
  process.exit(1);
}
// Most test files wait on real processes (servers, PostgreSQL, terraform, Chromium) more than they
// compute, so files run two at a time even on two cores (the runner's default is cores - 1).
// QUIKSHIP_TEST_CONCURRENCY overrides it (1 runs the files one after another).
const concurrency = Number(process.env.QUIKSHIP_TEST_CONCURRENCY) || Math.max(2, availableParallelism() - 1);
const args = ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files];
const result = spawnSync(process.execPath, args, {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
