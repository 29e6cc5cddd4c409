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
const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function time(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Figures {
  run(cwd, command, args, env);
  const samples = Array.from({ length: RUNS }, () => {
    const start = process.hrtime.bigint();
    run(cwd, command, args, env);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return summarize(samples);
}

function turboAffected(dir: string, turbo: string, base: string): string[] {
  const out = run(dir, turbo, ["ls", "--affected", "--output", "json"], {
    ...TURBO_ENV,
    TURBO_SCM_BASE: base,
    TURBO_SCM_HEAD: "HEAD",
  });
  const parsed = JSON.parse(out.slice(out.indexOf("{"))) as { packages: { items: { name: string }[] } };
  return parsed.packages.items
    .map((p) => p.name)
    .filter((n) => n.startsWith("service-"))
    .sort();
}

export async function benchCi(): Promise<void> {
  console.log(`\n# ci plan: ${SERVICES} services, ${FILES} files, ${COMMITS} commits (${RUNS} runs each)`);
  const bundle = resolve(await bundleCli());
  const turbo = resolve("node_modules/.bin/turbo");
  const started = process.hrtime.bigint();
  const repo = generateRepo(SERVICES, FILES, COMMITS);
  console.log(`generated in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  try {
    const bare = time(repo.dir, process.execPath, ["-e", "0"]);
    report("`node -e 0`", bare);
    for (const base of ["HEAD~1", "HEAD~50"]) {
      const planArgs = [bundle, "ci", "plan", "--base", base, "--branch", "main", "--output", "json"];
      const plan = time(repo.dir, process.execPath, planArgs);
      report(`\`quikship ci plan --base ${base}\`, whole process`, plan, { max: 2 * bare.median, of: "median" });
      report(`\`git diff --name-only ${base}\``, time(repo.dir, "git", ["diff", "--name-only", base, "HEAD"]));
      const turboTime = time(repo.dir, turbo, ["ls", "--affected"], {
        ...TURBO_ENV,
        TURBO_SCM_BASE: base,
        TURBO_SCM_HEAD: "HEAD",
      });
      report(`\`turbo ls --affected\` (${base})`, turboTime);
      console.log(
        `  plan/node ${(plan.median / bare.median).toFixed(2)}× (target ≤ 2×); turbo/plan ${(turboTime.median / plan.median).toFixed(2)}× (target ≥ 4×)`,
      );
      const ours = (JSON.parse(run(repo.dir, process.execPath, planArgs)) as { services: { name: string }[] }).services
        .map((s) => s.name)
        .sort();
      const theirs = turboAffected(repo.dir, turbo, base);
      console.log(
        `  same services as turbo: ${JSON.stringify(ours) === JSON.stringify(theirs) ? "yes" : "NO"} (${ours.length} vs ${theirs.length})`,
      );
    }
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}
