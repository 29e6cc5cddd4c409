#!/usr/bin/env node
// Runs the same test files N times, one run after another, and counts the runs that passed: for
// tests whose failures are rare and timing-dependent (failover, fencing), one green run proves little.
// Usage: node scripts/repeat-tests.js N FILE... [--bail]
//   --bail  stop at the first failing run
// Prints one line per run; a failing run's output is printed in full. Exits 0 only if every run passed.
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const bail = args.includes("--bail");
const [count, ...files] = args.filter((a) => a !== "--bail");
const times = Number(count);
if (!Number.isInteger(times) || times < 1 || files.length === 0) {
  console.error("usage: node scripts/repeat-tests.js N FILE... [--bail]   (N: how many runs, at least 1)");
  process.exit(2);
}

/** One run of the files: whether it passed, how long it took, what it printed. */
function runOnce() {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) =>
    child.on("close", (code, signal) =>
      resolve({ ok: code === 0, exit: code ?? signal, seconds: (Date.now() - started) / 1000, output }),
    ),
  );
}

let passed = 0;
let ran = 0;
let streak = 0;
let longest = 0;
for (let i = 1; i <= times; i++) {
  const result = await runOnce();
  ran++;
  if (result.ok) {
    passed++;
    longest = Math.max(longest, ++streak);
  } else streak = 0;
  console.log(
    `run ${i}/${times}: ${result.ok ? "passed" : `FAILED (exit ${result.exit})`} in ${result.seconds.toFixed(1)} s`,
  );
  if (!result.ok) {
    console.log(result.output);
    if (bail) break;
  }
}
console.log(`${passed}/${ran} runs passed (longest streak ${longest}) of ${files.join(" ")}`);
process.exit(passed === times ? 0 : 1);
