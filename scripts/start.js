#!/usr/bin/env node
// npm start: build if needed, then bring up quikship on the QuikApp reference platform.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const bundle = "dist/quikship.mjs";

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource("src")) {
  const build = spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const quikship = (...args) => spawnSync(process.execPath, [bundle, ...args], { stdio: "inherit" }).status ?? 1;
const code = quikship("validate", "examples/quikapp") || quikship("envs", "--config", "examples/quikapp");
if (code === 0) {
  console.log("\nNext: quikship services --config examples/quikapp");
  console.log("      quikship vars live --service auth-service --config examples/quikapp");
  console.log("      quikship envs live --config examples/quikapp");
}
process.exit(code);
