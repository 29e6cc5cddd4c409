// npm run bench -- ci: `quikship ci plan` as a whole process on a generated monorepo, beside a bare
// `node -e 0`, `git diff --name-only` alone and `turbo ls --affected` on the same repository.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { bundleCli } from "../scripts/build.js";
import { generateRepo } from "./ci-repo.js";
import { report, summarize } from "./support.js";
import type { Figures } from "./support.js";

const SERVICES = Number(process.env.BENCH_CI_SERVICES ?? 33);
const FILES = Number(process.env.BENCH_CI_FILES ?? 50_000);
const COMMITS = Number(process.env.BENCH_CI_COMMITS ?? 2_000);
const RUNS = Number(process.env.BENCH_CI_RUNS ?? 10);
const BASES = ["HEAD~1", "HEAD~50"];
const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };

interface Case {
  title: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function run(cwd: string, c: Case): string {
  const r = spawnSync(c.command, c.args, {
    cwd,
    env: { ...process.env, ...c.env },
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
  for (const c of cases) run(cwd, c);
  const samples = cases.map((): number[] => []);
  for (let i = 0; i < RUNS; i++)
    cases.forEach((c, k) => {
      const start = process.hrtime.bigint();
      run(cwd, c);
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  return samples.map(summarize);
}

function turboCase(base: string): Case {
  const env = { ...TURBO_ENV, TURBO_SCM_BASE: base, TURBO_SCM_HEAD: "HEAD" };
  return {
    title: `\`turbo ls --affected\` (${base})`,
    command: resolve("node_modules/.bin/turbo"),
    args: ["ls", "--affected"],
    env,
  };
}

function turboAffected(dir: string, base: string): string[] {
  const c = turboCase(base);
  const out = run(dir, { ...c, args: ["ls", "--affected", "--output", "json"] });
  const parsed = JSON.parse(out.slice(out.indexOf("{"))) as { packages: { items: { name: string }[] } };
  return parsed.packages.items
    .map((p) => p.name)
    .filter((n) => n.startsWith("service-"))
    .sort();
}

function cases(bundle: string): Case[] {
  const list: Case[] = [{ title: "`node -e 0`", command: process.execPath, args: ["-e", "0"] }];
  for (const base of BASES) {
    const args = [bundle, "ci", "plan", "--base", base, "--branch", "main", "--output", "json"];
    list.push({ title: `\`quikship ci plan --base ${base}\`, whole process`, command: process.execPath, args });
    list.push({
      title: `\`git diff --name-only ${base}\``,
      command: "git",
      args: ["diff", "--name-only", base, "HEAD"],
    });
    list.push(turboCase(base));
  }
  return list;
}

function sameServices(dir: string, plan: Case, base: string): void {
  const ours = (JSON.parse(run(dir, plan)) as { services: { name: string }[] }).services.map((s) => s.name).sort();
  const theirs = turboAffected(dir, base);
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  console.log(`  same services as turbo: ${same ? "yes" : "NO"} (${ours.length} vs ${theirs.length})`);
}

export async function benchCi(): Promise<void> {
  console.log(`\n# ci plan: ${SERVICES} services, ${FILES} files, ${COMMITS} commits (${RUNS} rounds, side by side)`);
  const bundle = resolve(await bundleCli());
  const started = process.hrtime.bigint();
  const repo = generateRepo(SERVICES, FILES, COMMITS);
  console.log(`generated in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  try {
    const all = cases(bundle);
    const figures = sideBySide(repo.dir, all);
    const bare = figures[0]!;
    report(all[0]!.title, bare);
    BASES.forEach((base, i) => {
      const at = 1 + 3 * i;
      const [plan, diff, turbo] = figures.slice(at, at + 3) as [Figures, Figures, Figures];
      report(all[at]!.title, plan, { max: 2 * bare.median, of: "median" });
      report(all[at + 1]!.title, diff);
      report(all[at + 2]!.title, turbo);
      const toNode = plan.median / bare.median;
      const vsTurbo = turbo.median / plan.median;
      console.log(
        `  plan/node ${toNode.toFixed(2)}× (target ≤ 2×: ${toNode <= 2 ? "met" : "MISSED"}); turbo/plan ${vsTurbo.toFixed(2)}× (target ≥ 4×: ${vsTurbo >= 4 ? "met" : "MISSED"})`,
      );
      sameServices(repo.dir, all[at]!, base);
    });
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}
