/**
 * Runs the REAL kubectl on this machine against the Kubernetes API test double: a kubeconfig
 * written to a temporary directory, one context per environment, discovery cached there too.
 * Asynchronous on purpose: the double serves from this same process.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeDouble } from "./double/index.js";

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class Kubectl {
  readonly dir = mkdtempSync(join(tmpdir(), "quikship-kubectl-"));
  readonly kubeconfig: string;
  readonly #home: string;
  /** The kubectl processes still running, ended by dispose(). */
  readonly #running = new Set<ChildProcess>();

  /** On the double with these contexts (context → namespace), or on a real cluster's kubeconfig file, as the user's. */
  constructor(cluster: KubeDouble | { kubeconfigPath: string }, contexts: Record<string, string> = {}) {
    if ("kubeconfigPath" in cluster) {
      this.kubeconfig = cluster.kubeconfigPath;
      this.#home = process.env.HOME ?? this.dir;
    } else {
      this.kubeconfig = join(this.dir, "kubeconfig");
      this.#home = this.dir;
      writeFileSync(this.kubeconfig, cluster.kubeconfig(contexts));
    }
  }

  /** Runs `kubectl ARGS` (stdin from `input`); never throws on a non-zero exit. */
  run(args: string[], input?: string): Promise<KubectlResult> {
    const binary = process.env.QUIKSHIP_KUBECTL ?? "kubectl";
    const env = {
      ...process.env,
      KUBECONFIG: this.kubeconfig,
      KUBECACHEDIR: join(this.dir, "cache"),
      HOME: this.#home,
    };
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, { env, stdio: ["pipe", "pipe", "pipe"] });
      this.#running.add(child);
      child.once("exit", () => this.#running.delete(child));
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(input ?? "");
    });
  }

  /** Like `run`, but a non-zero exit is an error carrying kubectl's stderr. */
  async ok(args: string[], input?: string): Promise<string> {
    const result = await this.run(args, input);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  }

  async json<T = Record<string, unknown>>(args: string[]): Promise<T> {
    return JSON.parse(await this.ok([...args, "-o", "json"])) as T;
  }

  /** Ends a kubectl still running (one a failed test left waiting, e.g. on a watch) and removes the directory. */
  dispose(): void {
    for (const child of this.#running) child.kill("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
