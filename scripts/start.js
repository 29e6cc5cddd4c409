#!/usr/bin/env node
// npm start: build if needed, then run the quikship server on the QuikApp reference platform,
// every environment on the local target.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startArgs } from "./start-args.js";

// QUIKSHIP_BUNDLE names another build of the CLI to run, used as it is (the tests' own bundle).
const given = process.env.QUIKSHIP_BUNDLE;
const bundle = given || "dist/quikship.mjs";

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

const dashboard = "dist/dashboard/index.html";
const stale = (built, ...sources) =>
  !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newestSource));
if (!given && (stale(bundle, "src") || stale(dashboard, "dashboard"))) {
  const build = spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server prints its address (open it in a browser for the dashboard) and the routers; Ctrl-C stops it, the agent and every instance.
const args = startArgs(process.argv.slice(2));
console.log(`quikship ${args.join(" ")}`);
console.log("first command to try, in another terminal:");
console.log("  quikship deploy dev --services backend-gateway --tag v1.0.0 --wait");
console.log("  curl http://127.0.0.1:7402/backend-gateway/\n");
// The server runs in a process group of its own, so this process alone decides how it stops:
// SIGINT (Ctrl-C) or SIGTERM to this process, whether from the terminal or a supervisor, becomes one
// SIGTERM to the server, which stops the agent and every instance; a second signal stops it at once.
const child = spawn(process.execPath, [bundle, ...args], { stdio: "inherit", detached: true });
let signals = 0;
const stop = () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signals++ === 0 ? "SIGTERM" : "SIGINT");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
