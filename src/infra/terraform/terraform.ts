import { statSync } from "node:fs";
import { InputError } from "../../errors.js";
import { type DriftReport, type PlanSummary, driftOf, summarizePlan } from "./changes.js";
import type { Diagnostic } from "./diagnostics.js";
import { StateLockedError, TerraformError } from "./errors.js";
import { type PlanExit, planExit } from "./exit-codes.js";
import { writeLocalBackendOverride } from "./files.js";
import { lockInfoAmong } from "./lock.js";
import { outputsSchema, planSchema } from "./plan-json.js";
import { type ProcessResult, runProcess } from "./process.js";
import { SecretSet } from "./redact.js";
import { type RedactedPlan, redactPlan } from "./redact-plan.js";
import { type Outputs, readOutputs } from "./outputs.js";
import { type ChangeCounts, type UiEvent, diagnosticsOf } from "./ui-events.js";
import { type TerraformVersion, versionSchema } from "./version.js";

export interface TerraformOptions {
  /** The module's directory: a working copy quikship owns (init may write a backend override into it). */
  workingDir: string;
  /** The binary; `terraform` on PATH by default. */
  binary?: string;
  /** `TF_DATA_DIR`: where init keeps the backend settings and modules; one per environment's working copy. */
  dataDir?: string;
  /** How long to wait for a state lock before failing; 0 (the default) fails at once. */
  lockTimeoutMs?: number;
  /** More environment for terraform (credentials for a backend); added to this process's. */
  env?: Record<string, string>;
}

export type Backend = { kind: "configured"; config: Record<string, string> } | { kind: "local"; path: string };

export interface StreamOptions {
  onEvent?: (event: UiEvent) => void;
  signal?: AbortSignal;
}

export interface PlanOptions extends StreamOptions {
  /** Where to save the plan (`-out`). */
  out: string;
  varFile?: string;
  mode?: "normal" | "refresh-only" | "destroy";
}

export interface PlanResult {
  exit: Exclude<PlanExit, "error">;
  counts: ChangeCounts | null;
  diagnostics: Diagnostic[];
}

export interface ApplyResult {
  counts: ChangeCounts | null;
  diagnostics: Diagnostic[];
}

export interface ShownPlan extends RedactedPlan {
  summary: PlanSummary;
}

/** The first terraform whose `init` speaks the JSON UI. */
const INIT_JSON_SINCE = [1, 9];

/**
 * One typed wrapper over the terraform binary, in the manner of hashicorp/terraform-exec: every
 * command's machine-readable output parsed into types, exit codes mapped once (exit-codes.ts), failures
 * thrown as TerraformError with terraform's diagnostics, a held lock as StateLockedError with the
 * holder, and every sensitive value redacted before a plan or outputs leave it.
 */
export class Terraform {
  readonly #options: TerraformOptions;
  #version: TerraformVersion | undefined;

  constructor(options: TerraformOptions) {
    this.#options = options;
  }

  get binary(): string {
    return this.#options.binary ?? "terraform";
  }

  async version(): Promise<TerraformVersion> {
    if (this.#version) return this.#version;
    const result = await this.#run(["version", "-json"], { json: false });
    const parsed = this.#parseJson(result, versionSchema, "version -json");
    this.#version = {
      version: parsed.terraform_version,
      platform: parsed.platform,
      providers: parsed.provider_selections,
    };
    return this.#version;
  }

  /** `init -reconfigure` with the platform's backend settings, or a local state file in their place. */
  async init(backend: Backend, options: StreamOptions = {}): Promise<{ diagnostics: Diagnostic[] }> {
    const args = ["init", "-input=false", "-reconfigure"];
    switch (backend.kind) {
      case "local":
        writeLocalBackendOverride(this.#workingDir(), backend.path);
        break;
      case "configured":
        for (const [key, value] of Object.entries(backend.config)) args.push(`-backend-config=${key}=${value}`);
        break;
    }
    const json = await this.#initSpeaksJson();
    const result = await this.#run(json ? [...args, "-json"] : args, { json, ...options });
    this.#check("init", result);
    return { diagnostics: diagnosticsOf(result.events) };
  }

  /** `plan -out -detailed-exitcode -json`; `refresh-only` for drift, `destroy` for a destroy plan. */
  async plan(options: PlanOptions): Promise<PlanResult> {
    const args = ["plan", "-json", "-input=false", "-detailed-exitcode", this.#lockTimeout(), `-out=${options.out}`];
    if (options.varFile) args.push(`-var-file=${options.varFile}`);
    if (options.mode === "refresh-only") args.push("-refresh-only");
    if (options.mode === "destroy") args.push("-destroy");
    const result = await this.#run(args, { json: true, ...options });
    const exit = planExit(result.exitCode);
    if (exit === "error") this.#fail("plan", result);
    return { exit, counts: lastCounts(result.events), diagnostics: diagnosticsOf(result.events) };
  }

  /** `show -json PLANFILE`, redacted (the raw plan never leaves this method), with its summary. */
  async show(planFile: string, secrets = new SecretSet()): Promise<ShownPlan> {
    const result = await this.#run(["show", "-json", planFile], { json: false });
    const redacted = redactPlan(this.#parseJson(result, planSchema, "show -json"), secrets);
    return { ...redacted, summary: summarizePlan(redacted.plan) };
  }

  /** `apply PLANFILE`: exactly that saved plan (terraform refuses it if the state moved on since). */
  async apply(planFile: string, options: StreamOptions = {}): Promise<ApplyResult> {
    const result = await this.#run(["apply", "-json", "-input=false", this.#lockTimeout(), planFile], {
      json: true,
      ...options,
    });
    this.#check("apply", result);
    return { counts: lastCounts(result.events), diagnostics: diagnosticsOf(result.events) };
  }

  /** `destroy -auto-approve`: only after quikship's own gates. */
  async destroy(options: StreamOptions & { varFile?: string } = {}): Promise<ApplyResult> {
    const args = ["destroy", "-json", "-input=false", "-auto-approve", this.#lockTimeout()];
    if (options.varFile) args.push(`-var-file=${options.varFile}`);
    const result = await this.#run(args, { json: true, ...options });
    this.#check("destroy", result);
    return { counts: lastCounts(result.events), diagnostics: diagnosticsOf(result.events) };
  }

  /** `output -json`: the root outputs, a sensitive one without its value. */
  async outputs(): Promise<Outputs> {
    const result = await this.#run(["output", "-json"], { json: false });
    return readOutputs(this.#parseJson(result, outputsSchema, "output -json"));
  }

  /** `force-unlock -force ID`: releases a lock a killed terraform left behind (only after quikship's own gate). */
  async forceUnlock(lockId: string): Promise<void> {
    if (!/^[A-Za-z0-9._:-]{1,200}$/.test(lockId)) throw new InputError(`not a terraform lock ID: "${lockId}"`);
    this.#check("force-unlock", await this.#run(["force-unlock", "-force", lockId], { json: false }));
  }

  /** `plan -refresh-only -detailed-exitcode`, then its saved plan read as drift. */
  async drift(options: PlanOptions): Promise<{ report: DriftReport; plan: ShownPlan }> {
    const planned = await this.plan({ ...options, mode: "refresh-only" });
    const plan = await this.show(options.out);
    const report = planned.exit === "no-changes" ? ({ status: "up-to-date" } as const) : driftOf(plan.plan);
    return { report, plan };
  }

  #workingDir(): string {
    const dir = this.#options.workingDir;
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new InputError(`the terraform working directory ${dir} does not exist or is not a directory`);
    return dir;
  }

  #lockTimeout(): string {
    return `-lock-timeout=${Math.max(0, Math.ceil((this.#options.lockTimeoutMs ?? 0) / 1000))}s`;
  }

  async #initSpeaksJson(): Promise<boolean> {
    const [major = 0, minor = 0] = (await this.version()).version.split(".").map(Number);
    return major > (INIT_JSON_SINCE[0] ?? 0) || (major === INIT_JSON_SINCE[0] && minor >= (INIT_JSON_SINCE[1] ?? 0));
  }

  #run(args: string[], options: Parameters<typeof runProcess>[2]): Promise<ProcessResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_INPUT: "0" };
    if (this.#options.dataDir) env.TF_DATA_DIR = this.#options.dataDir;
    Object.assign(env, this.#options.env);
    return runProcess({ binary: this.binary, cwd: this.#workingDir(), env }, args, options);
  }

  #check(command: string, result: ProcessResult): void {
    if (result.exitCode !== 0) this.#fail(command, result);
  }

  #fail(command: string, result: ProcessResult): never {
    const diagnostics = diagnosticsOf(result.events);
    const lock = lockInfoAmong(diagnostics);
    if (lock) throw new StateLockedError(command, lock);
    throw new TerraformError(command, result.exitCode, diagnostics, result.stderr);
  }

  #parseJson<T>(
    result: ProcessResult,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    command: string,
  ): T {
    if (result.exitCode !== 0) this.#fail(command, result);
    let value: unknown;
    try {
      value = JSON.parse(result.stdout);
    } catch {
      value = undefined;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new TerraformError(`${command} (its output is not the JSON quikship reads)`, 0, [], result.stderr);
    return parsed.data;
  }
}

function lastCounts(events: readonly UiEvent[]): ChangeCounts | null {
  const summaries = events.flatMap((e) => (e.type === "change_summary" ? [e.changes] : []));
  return summaries.at(-1) ?? null;
}
