import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const DEMO_SERVER = fileURLToPath(new URL("../../examples/demo-service/server.js", import.meta.url));

export interface DemoInstance {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts the demo service on a port it picks itself (PORT=0) and waits for its first log line. */
export async function startDemo(
  env: { service?: string; version?: string; environment?: string } = {},
): Promise<DemoInstance> {
  const child = spawn(process.execPath, [DEMO_SERVER], {
    cwd: "/",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      SERVICE_NAME: env.service ?? "auth-service",
      VERSION: env.version ?? "v1.0.0",
      ENVIRONMENT: env.environment ?? "dev",
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running (and keeping the test's process alive) after its start failed.
      child.kill("SIGKILL");
      reject(new Error(`demo service did not start in 5 s: ${output}`));
    }, 5000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => reject(new Error(`demo service exited ${code} before listening: ${output}`)));
  });
  const stop = (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { url: `http://127.0.0.1:${port}`, port, child, exited, stop };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** One HTTP request; `host` overrides the Host header. Never rejects on an HTTP status. */
export function request(
  url: string,
  options: { host?: string; agent?: http.Agent; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.host) headers.host = options.host;
    const req = http.request(url, { agent: options.agent, method: options.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${url}: no answer in 10 s`)));
    req.end(options.body);
  });
}

/** A loopback port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Identity {
  service: string;
  version: string;
  environment: string;
  pid: number;
}

/** The identity JSON the demo service answers on any path but /health. */
export function identity(answer: Answer): Identity {
  return JSON.parse(answer.body) as Identity;
}
