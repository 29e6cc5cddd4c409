/**
 * Runs a service's build plan on this machine, step by step, with listr2 showing each step live;
 * the first failure stops the build with the end of its output. Returns the build manifest.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Listr } from "listr2";
import type { ListrTask } from "listr2";
import { InputError } from "../../errors.js";
import type { BuildPlan } from "../build-plan.js";
import type { BuildManifest, BuildStep } from "../manifest.js";
import { buildCommand, detectBuilder, digestCommand, pushCommands } from "./image.js";
import type { Builder, ImageJob } from "./image.js";

export interface BuildRequest {
  plan: BuildPlan;
  /** Absolute top level of the repository: workdir, dockerfile and context are relative to it. */
  top: string;
  push: boolean;
  skip: ReadonlySet<string>;
  source: BuildManifest["source"];
  commit: string;
  commitTime: string;
  /** listr2's renderer: spinners on a terminal, one line per event elsewhere, none for JSON output. */
  progress: "default" | "simple" | "silent";
}

type StepResult = { status: "done" | "skipped"; note?: string };

/** The end of a failed command's output: enough to see why, not a whole log. */
function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? ["…", ...all.slice(-lines)] : all).join("\n");
}

function exec(argv: string[], cwd: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("error", (error) =>
      reject(new InputError(`${what}: cannot run ${argv[0]}: ${error.message}`, { cause: error })),
    );
    child.once("close", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new InputError(`${what}: \`${argv.join(" ")}\` exited ${code ?? signal}\n${tail(output)}`));
    });
  });
}

const shell = (command: string): string[] => ["sh", "-c", command];

interface Context {
  request: BuildRequest;
  builder: Builder | undefined;
  job: ImageJob | undefined;
  digest: string | null;
}

async function commands(ctx: Context, step: BuildStep, list: string[]): Promise<StepResult> {
  if (list.length === 0) return { status: "skipped", note: "no command" };
  const cwd = join(ctx.request.top, ctx.request.plan.workdir);
  if (!existsSync(cwd))
    throw new InputError(`${step}: the working directory ${ctx.request.plan.workdir} does not exist`);
  for (const command of list) await exec(shell(command), cwd, step);
  return { status: "done" };
}

async function image(ctx: Context): Promise<StepResult> {
  const { plan, top } = ctx.request;
  if (plan.dockerfile === undefined)
    throw new InputError(
      `image: service ${plan.service} has no dockerfile (set dockerfile on its stack or on the service)`,
    );
  ctx.builder = detectBuilder();
  if (ctx.builder === undefined)
    throw new InputError("image: no image builder on this machine: install docker with buildx, or buildah");
  const digestDir = mkdtempSync(join(tmpdir(), "quikship-digest-"));
  ctx.job = {
    image: plan.image,
    dockerfile: join(top, plan.dockerfile),
    context: join(top, plan.context),
    platforms: plan.platforms,
    digestFile: join(digestDir, "digest"),
  };
  await exec(buildCommand(ctx.builder, ctx.job), top, "image");
  return { status: "done", note: ctx.builder };
}

async function push(ctx: Context): Promise<StepResult> {
  if (!ctx.request.push) return { status: "skipped", note: "not asked (--push)" };
  const { builder, job } = ctx;
  if (!builder || !job) throw new InputError("push: there is no image to push");
  for (const argv of pushCommands(builder, job)) await exec(argv, ctx.request.top, "push");
  const inspect = digestCommand(builder, job);
  const text = inspect
    ? ((await exec(inspect, ctx.request.top, "push")).trim().split("@")[1] ?? "")
    : existsSync(job.digestFile)
      ? readFileSync(job.digestFile, "utf8").trim()
      : ((JSON.parse(readFileSync(`${job.digestFile}.json`, "utf8")) as Record<string, string>)[
          "containerimage.digest"
        ] ?? "");
  if (!/^sha256:[a-f0-9]{64}$/.test(text)) throw new InputError(`push: the registry gave no digest for ${job.image}`);
  ctx.digest = text;
  return { status: "done", note: text };
}

function steps(ctx: Context): [BuildStep, () => Promise<StepResult>][] {
  const { plan } = ctx.request;
  return [
    ["setup", () => Promise.resolve({ status: "skipped", note: "this machine's runtimes" })],
    [
      "cache",
      () =>
        Promise.resolve({
          status: "skipped",
          note: plan.cache.key ? `key ${plan.cache.key}` : "no cache key files",
        }),
    ],
    ["install", () => commands(ctx, "install", plan.install)],
    ["lint", () => commands(ctx, "lint", plan.lint)],
    ["test", () => commands(ctx, "test", plan.test)],
    ["build", () => commands(ctx, "build", plan.build)],
    ["image", () => image(ctx)],
    ["scan", () => commands(ctx, "scan", plan.scan)],
    ["push", () => push(ctx)],
  ];
}

export async function runBuild(request: BuildRequest): Promise<BuildManifest> {
  const ctx: Context = { request, builder: undefined, job: undefined, digest: null };
  const startedAt = new Date().toISOString();
  const done: BuildManifest["steps"] = [];
  const tasks: ListrTask[] = steps(ctx).map(([step, body]) => ({
    title: step,
    task: async (_, task) => {
      if (request.skip.has(step)) {
        done.push({ step, status: "skipped", ms: 0, note: "--skip" });
        task.skip(`${step} (--skip)`);
        return;
      }
      const start = performance.now();
      try {
        const result = await body();
        done.push({
          step,
          status: result.status,
          ms: Math.round(performance.now() - start),
          ...(result.note ? { note: result.note } : {}),
        });
        if (result.status === "skipped") task.skip(`${step}: ${result.note ?? "skipped"}`);
        else if (result.note) task.title = `${step}: ${result.note}`;
      } catch (error) {
        done.push({ step, status: "failed", ms: Math.round(performance.now() - start) });
        throw error;
      }
    },
  }));
  const listr = new Listr(tasks, {
    concurrent: false,
    exitOnError: true,
    renderer: request.progress,
    rendererOptions: { collapseSkips: false },
    registerSignalListeners: false,
  });
  try {
    await listr.run();
  } finally {
    if (ctx.job) rmSync(join(ctx.job.digestFile, ".."), { recursive: true, force: true });
  }
  return {
    version: 1,
    service: request.plan.service,
    tag: request.plan.tag,
    image: request.plan.image,
    digest: ctx.digest,
    source: request.source,
    commit: request.commit,
    commitTime: request.commitTime,
    builder: ctx.builder ?? "none",
    startedAt,
    finishedAt: new Date().toISOString(),
    steps: done,
  };
}
