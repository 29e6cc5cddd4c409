// npm run bench -- ci: `quikship ci plan` as a whole process on a generated monorepo, beside a bare
// `node -e 0`, `git diff --name-only` alone, the floor of any Node command that asks git what
// changed, and `turbo ls --affected` on the same repository. Each tool runs as a CI job runs it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleCli } from "../scripts/build.js";
import { generateRepo } from "./ci-repo.js";
import { report, summarize } from "./support.js";
import type { Figures } from "./support.js";

const SERVICES = Number(process.env.BENCH_CI_SERVICES ?? 33);
const FILES = Number(process.env.BENCH_CI_FILES ?? 50_000);
const COMMITS = Number(process.env.BENCH_CI_COMMITS ?? 2_000);
const RUNS = Number(process.env.BENCH_CI_RUNS ?? 10);
const BASES = ["HEAD~1", "HEAD~50"];
// As on a CI runner: CI set (turbo runs without its daemon there), no telemetry, no update check.
const CI_ENV = { CI: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };

interface Case {
  title: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Untimed, before each run: what a fresh runner would not have is removed; extra environment. */
  prepare?: () => Record<string, string>;
}

function run(cwd: string, c: Case, extra: Record<string, string> = {}): string {
  const r = spawnSync(c.command, c.args, {
    cwd,
    env: { ...process.env, ...CI_ENV, ...c.env, ...extra },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`${c.command} ${c.args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Every case once a round, round after round (after one warm-up round), so a machine busy with
 * other work slows them alike: the ratios of the medians are the figures, not the milliseconds.
 */
function sideBySide(cwd: string, cases: Case[]): Figures[] {
  for (const c of cases) run(cwd, c, c.prepare?.());
  const samples = cases.map((): number[] => []);
  for (let i = 0; i < RUNS; i++)
    cases.forEach((c, k) => {
      const extra = c.prepare?.();
      const start = process.hrtime.bigint();
      run(cwd, c, extra);
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  return samples.map(summarize);
}

/**
 * The floor of `ci plan` in Node: a script that starts the same two git processes (the commits
 * and their merge base, the changed paths) and waits for them, and does nothing else.
 */
const FLOOR = `const { spawn } = require("node:child_process");
const base = process.argv[1];
const git = (args) => new Promise((done) => {
  const child = spawn("git", ["-c", "core.quotepath=off", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const out = [];
  child.stdout.on("data", (chunk) => out.push(chunk));
  child.on("close", (code) => (code === 0 ? done(Buffer.concat(out)) : process.exit(1)));
});
Promise.all([
  git(["rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-common-dir", "--end-of-options", "HEAD^{commit}", base + "^{commit}", base + "...HEAD"]),
  git(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", base + "...HEAD", "--"]),
]).then(([a, b]) => process.stdout.write(a.length + " " + b.length + "\\n"));`;

/**
 * turbo as a CI job runs it in a fresh clone: its installed command (node_modules/.bin/turbo, a
 * Node script that starts the native binary, as `npx turbo` and package scripts do), no daemon
 * (CI), no .turbo directory left by an earlier run. `native` runs the binary itself, for scale.
 */
function turboCase(dir: string, base: string, binary?: string): Case {
  return {
    title: binary ? `turbo's native binary alone (${base})` : `\`turbo ls --affected\` (${base})`,
    command: binary ?? resolve("node_modules/.bin/turbo"),
    args: ["ls", "--affected"],
    env: { TURBO_SCM_BASE: base, TURBO_SCM_HEAD: "HEAD" },
    prepare: () => {
      rmSync(join(dir, ".turbo"), { recursive: true, force: true });
      return {};
    },
  };
}

function turboAffected(dir: string, base: string): string[] {
  const c = turboCase(dir, base);
  const out = run(dir, { ...c, args: ["ls", "--affected", "--output", "json"] });
  const parsed = JSON.parse(out.slice(out.indexOf("{"))) as { packages: { items: { name: string }[] } };
  return parsed.packages.items
    .map((p) => p.name)
    .filter((n) => n.startsWith("service-"))
    .sort();
}

/** The native binary the turbo command starts. */
function turboBinary(): string {
  const out = run(process.cwd(), { title: "turbo bin", command: resolve("node_modules/.bin/turbo"), args: ["bin"] });
  return out.trim().split("\n").at(-1)!.trim();
}

/** Per base: the plan's first call and second call, git diff, the floor, turbo, turbo's binary. */
const PER_BASE = 6;

/**
 * `ci plan` runs as the installed command's bundle. A fresh runner's first call finds the
 * platform cache empty (a new cache directory each run); the generated plan job calls it twice
 * (text, then JSON), and the second call finds the platform checked.
 */
function cases(dir: string, bundle: string, caches: string): Case[] {
  const list: Case[] = [{ title: "`node -e 0`", command: process.execPath, args: ["-e", "0"] }];
  const kept = mkdtempSync(join(caches, "kept-"));
  for (const base of BASES) {
    const args = [bundle, "ci", "plan", "--base", base, "--branch", "main", "--output", "json"];
    const plan = `\`quikship ci plan --base ${base}\``;
    list.push({
      title: `${plan}, first call (empty cache)`,
      command: process.execPath,
      args,
      prepare: () => ({ XDG_CACHE_HOME: mkdtempSync(join(caches, "fresh-")) }),
    });
    list.push({ title: `${plan}, second call`, command: process.execPath, args, env: { XDG_CACHE_HOME: kept } });
    list.push({
      title: `\`git diff --name-only ${base}\``,
      command: "git",
      args: ["diff", "--name-only", base, "HEAD"],
    });
    list.push({
      title: `floor: Node + ci plan's two git processes (${base})`,
      command: process.execPath,
      args: ["-e", FLOOR, base],
    });
    list.push(turboCase(dir, base));
    list.push(turboCase(dir, base, turboBinary()));
  }
  return list;
}

function sameServices(dir: string, plan: Case, base: string): void {
  const ours = (JSON.parse(run(dir, plan)) as { services: { name: string }[] }).services.map((s) => s.name).sort();
  const theirs = turboAffected(dir, base);
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  console.log(`  same services as turbo: ${same ? "yes" : "NO"} (${ours.length} vs ${theirs.length})`);
}

const times = (n: number): string => `${n.toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? "met" : "MISSED");

/** The ratios of one base: to a bare Node start, to the floor, and turbo's to the plan's. */
function ratios(bare: Figures, first: Figures, second: Figures, floor: Figures, turbo: Figures): void {
  const [a, b, f] = [first.median / bare.median, second.median / bare.median, floor.median / bare.median];
  console.log(
    `  plan/node: first call ${times(a)} (target ≤ 2×: ${verdict(a <= 2)}), second call ${times(b)} (${verdict(b <= 2)}); floor/node ${times(f)}`,
  );
  console.log(
    `  above the floor: first call ${(first.median - floor.median).toFixed(0)} ms, second call ${(second.median - floor.median).toFixed(0)} ms`,
  );
  const [x, y, z] = [turbo.median / first.median, turbo.median / second.median, turbo.median / floor.median];
  console.log(
    `  turbo/plan: first call ${times(x)} (target ≥ 4×: ${verdict(x >= 4)}), second call ${times(y)} (${verdict(y >= 4)}); turbo/floor ${times(z)}, the most a Node command that asks git could reach`,
  );
}

export async function benchCi(): Promise<void> {
  console.log(`\n# ci plan: ${SERVICES} services, ${FILES} files, ${COMMITS} commits (${RUNS} rounds, side by side)`);
  console.log(
    "quikship as its bundle; turbo as its installed command (node_modules/.bin/turbo); both with CI=1, so no turbo daemon; no .turbo directory kept between runs",
  );
  const bundle = resolve(await bundleCli());
  const started = process.hrtime.bigint();
  const repo = generateRepo(SERVICES, FILES, COMMITS);
  const caches = mkdtempSync(join(tmpdir(), "quikship-bench-cache-"));
  console.log(`generated in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  try {
    const all = cases(repo.dir, bundle, caches);
    const figures = sideBySide(repo.dir, all);
    const bare = figures[0]!;
    report(all[0]!.title, bare);
    BASES.forEach((base, i) => {
      const at = 1 + PER_BASE * i;
      const mine = figures.slice(at, at + PER_BASE);
      mine.forEach((f, k) => report(all[at + k]!.title, f));
      const [first, second, , floor, turbo] = mine as [Figures, Figures, Figures, Figures, Figures];
      ratios(bare, first, second, floor, turbo);
      sameServices(repo.dir, all[at + 1]!, base);
    });
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(caches, { recursive: true, force: true });
  }
}
