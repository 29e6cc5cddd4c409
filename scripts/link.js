#!/usr/bin/env node
// After `npm install` in a checkout, put `quikship` on the PATH as `npm link` would: a symlink in
// npm's global bin directory to this checkout's bin/quikship.cjs. It never replaces a `quikship`
// that is not a link into a quikship checkout. Skipped when QUIKSHIP_NO_LINK is set, when
// installed as a dependency, or when the directory is not writable.
import { existsSync, lstatSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "bin", "quikship.cjs");
const prefix = process.env.npm_config_global_prefix ?? process.env.npm_config_prefix;
const isOwnCheckout =
  process.env.npm_config_local_prefix === undefined || resolve(process.env.npm_config_local_prefix) === root;

function main() {
  if (process.env.QUIKSHIP_NO_LINK || !prefix || !isOwnCheckout) return;
  const binDir = process.platform === "win32" ? prefix : join(prefix, "bin");
  const link = join(binDir, "quikship");
  try {
    if (existsSync(link) || isDanglingLink(link)) {
      const stat = lstatSync(link);
      // bin/quikship.js is what earlier versions linked.
      const ours = [join("bin", "quikship.cjs"), join("bin", "quikship.js")];
      if (!stat.isSymbolicLink() || !ours.some((end) => readlinkSync(link).endsWith(end))) return;
      unlinkSync(link);
    }
    symlinkSync(target, link);
    console.log(`quikship: linked ${link} → ${target} (set QUIKSHIP_NO_LINK=1 to skip)`);
  } catch (error) {
    console.log(`quikship: not linked onto the PATH (${error.code ?? error.message}); use \`npx quikship\``);
  }
}

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

main();
