/**
 * A quikship server process whose environments are on the kubernetes target, with a kubeconfig
 * whose contexts point at a Kubernetes API TEST DOUBLE running in the test's process on the real
 * clock (pods become ready `podStartMs` after creation; the controllers run every 100 ms).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunView } from "../../src/engine/types.js";
import { systemClock } from "../../src/engine/clock.js";
import { startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { KubeDouble } from "./double/index.js";
import { Kubectl } from "./kubectl.js";

export const CONTEXTS = { dev: "quikapp-dev", qa: "quikapp-qa" };

/**
 * An analysis provider (platform-file YAML, each line indented by `indent`) reading what the
 * double's Gateway counted per backend Service (double/traffic.ts), scraped by the Prometheus at `url`.
 */
export function gatewayPrometheusYaml(url: string, indent: string): string {
  const where = 'namespace="quikapp-{environment}",backend="{service}-r{revision}"';
  return [
    "provider:",
    "  type: prometheus",
    `  url: ${url}`,
    "  queries:",
    `    requests: sum(gateway_backend_requests_total{${where}})`,
    `    errors: sum(gateway_backend_errors_total{${where}})`,
    `    latencyBuckets: sum by (le) (gateway_backend_request_duration_seconds_bucket{${where}})`,
    `    latencySum: sum(gateway_backend_request_duration_seconds_sum{${where}})`,
  ]
    .map((line) => `${indent}${line}\n`)
    .join("");
}

export interface KubeServer {
  dir: string;
  state: string;
  double: KubeDouble;
  kubectl: Kubectl;
  kubeconfig: string;
  server: ServerProcess;
  /** Starts the server again on the same state (after a kill). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `platform`: the platform file, or a function that prepares the double (and what watches it) and returns it. */
export async function startKubeServer(
  platform: string | ((double: KubeDouble) => Promise<string>),
  env: Record<string, string> = {},
): Promise<KubeServer> {
  const dir = mkdtempSync(join(tmpdir(), "quikship-kube-e2e-"));
  const double = await KubeDouble.start({
    clock: systemClock,
    namespaces: Object.values(CONTEXTS),
    podStartMs: 150,
    reconcileEveryMs: 100,
  });
  const kubeconfig = join(dir, "kubeconfig");
  const state = join(dir, "state");
  const start = (): Promise<ServerProcess> =>
    startServerProcess(["--config", join(dir, "quikship.yaml"), "--state", state, "--kubeconfig", kubeconfig], env);
  let server: ServerProcess;
  try {
    writeFileSync(kubeconfig, double.kubeconfig(CONTEXTS));
    writeFileSync(join(dir, "quikship.yaml"), typeof platform === "string" ? platform : await platform(double));
    server = await start();
  } catch (error) {
    // No close() to come: the double, listening in this process, would keep it alive.
    await double.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const kube: KubeServer = {
    dir,
    state,
    double,
    kubectl: new Kubectl(double, CONTEXTS),
    kubeconfig,
    server,
    restart: async () => {
      kube.server = await start();
    },
    close: async () => {
      if (kube.server.child.exitCode === null && kube.server.child.signalCode === null) {
        kube.server.child.kill("SIGTERM");
        await kube.server.exited;
      }
      kube.kubectl.dispose();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return kube;
}

/** The server's API as the admin of its state directory. */
export class KubeApi {
  constructor(readonly kube: KubeServer) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const token = readFileSync(join(this.kube.state, "admin.token"), "utf8").trim();
    const response = await fetch(`${this.kube.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async submit(kind: string, services: string[], params: Record<string, unknown> = {}, environment = "dev") {
    const { status, body } = await this.call<RunView>("POST", "/v1/runs", { kind, environment, services, params });
    if (status !== 201) throw new Error(`submit ${kind}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Polls until the run has ended, or `until` holds; bounded. */
  async wait(id: string, until?: (run: RunView) => boolean, timeoutMs = 60_000): Promise<RunView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.call<RunView>("GET", `/v1/runs/${id}`);
      if (until?.(body) ?? ["succeeded", "failed", "cancelled"].includes(body.status)) return body;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async run(kind: string, services: string[], params: Record<string, unknown> = {}, environment = "dev") {
    return this.wait((await this.submit(kind, services, params, environment)).id);
  }
}
