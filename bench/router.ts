import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createRouter } from "../src/local/router/index.js";
import { deadPort, startDemo } from "../test/local/demo-support.js";
import type { DemoInstance } from "../test/local/demo-support.js";

const CONNECTIONS = 50;
const WARMUP_MS = 1000;
/** Throughput is measured in interleaved rounds and the median kept: neighbours on the machine come and go. */
const ROUNDS = 5;
const LOAD_MS = 1500;
const LATENCY_MS = 2000;

interface Endpoint {
  host: string;
  port: number;
  hostHeader: string;
  path: string;
}

interface Load {
  requests: number;
  failures: number;
  seconds: number;
  /** Per-request ms, from the latency run (one connection) only. */
  samples: number[];
}

// The load generator runs in a worker thread so it never shares an event loop with the router
// under test. Like wrk, it writes raw HTTP/1.1 on kept-alive sockets, one request in flight each.
const LOADGEN = `
const net = require("node:net");
const { parentPort, workerData } = require("node:worker_threads");
const { endpoints, connections, durationMs, sample } = workerData;
const deadline = performance.now() + durationMs;
const started = performance.now();
let requests = 0, failures = 0;
const samples = [];
function client(endpoint, resolve) {
  const request = Buffer.from("GET " + endpoint.path + " HTTP/1.1\\r\\nHost: " + endpoint.hostHeader + "\\r\\n\\r\\n");
  const socket = net.connect(endpoint.port, endpoint.host);
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0), sent = 0, inFlight = false;
  const send = () => {
    if (performance.now() >= deadline) return socket.end();
    sent = performance.now();
    inFlight = true;
    socket.write(request);
  };
  socket.on("connect", send);
  socket.on("data", (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    const head = buffer.indexOf("\\r\\n\\r\\n");
    if (head === -1) return;
    const length = /content-length: *(\\d+)/i.exec(buffer.toString("latin1", 0, head));
    let end = head + 4 + (length ? Number(length[1]) : 0);
    if (!length) { const last = buffer.indexOf("0\\r\\n\\r\\n", head + 4); if (last === -1) return; end = last + 5; }
    if (buffer.length < end) return;
    if (buffer[9] !== 50) failures++;
    requests++;
    inFlight = false;
    if (sample) samples.push(performance.now() - sent);
    buffer = buffer.subarray(end);
    send();
  });
  socket.on("error", () => { if (!inFlight) failures++; });
  // A server may close a kept-alive connection (nginx after keepalive_requests): reconnect, as wrk does.
  socket.on("close", () => {
    if (inFlight) failures++;
    if (performance.now() < deadline) client(endpoint, resolve);
    else resolve();
  });
}
Promise.all(Array.from({ length: connections }, (_, i) => new Promise((resolve) => client(endpoints[i % endpoints.length], resolve))))
  .then(() => parentPort.postMessage({ requests, failures, seconds: (performance.now() - started) / 1000, samples }));
`;

function load(endpoints: Endpoint[], connections: number, durationMs: number, sample = false): Promise<Load> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADGEN, { eval: true, workerData: { endpoints, connections, durationMs, sample } });
    worker.once("message", (result: Load) => resolve(result));
    worker.once("error", reject);
  });
}

interface Figures {
  perSecond: number;
  failures: number;
  medianMs: number;
  p99Ms: number;
  /** CPU the proxy itself spent per request: a figure the machine's other load hardly moves. */
  cpuUsPerRequest: number | undefined;
}

interface Contender {
  name: string;
  endpoints: Endpoint[];
  /** CPU ms the proxy has used so far (user + system), when there is a proxy. */
  cpuMs?: () => number;
  rounds: number[];
  failures: number;
  requests: number;
  spentMs: number;
}

let tickMs: number | undefined;

/** User + system CPU ms of one thread (or, with `tid` = `pid`, a process's main thread), from /proc. */
function threadCpuMs(pid: number, tid = pid): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  tickMs ??= 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);
  return (Number(fields[11]) + Number(fields[12])) * tickMs;
}

/** CPU ms of a process and its children, every thread (nginx: master and workers). */
function treeCpuMs(pid: number): number {
  const children = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean)
    .map(Number);
  let total = 0;
  for (const p of [pid, ...children])
    for (const tid of readdirSync(`/proc/${p}/task`)) total += threadCpuMs(p, Number(tid));
  return total;
}

/** Warms every contender up, then runs them in turn, round after round; latency on one connection last. */
async function measure(contenders: Contender[]): Promise<Figures[]> {
  for (const c of contenders) await load(c.endpoints, CONNECTIONS, WARMUP_MS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const cpuBefore = c.cpuMs?.() ?? 0;
      const result = await load(c.endpoints, CONNECTIONS, LOAD_MS);
      c.spentMs += (c.cpuMs?.() ?? 0) - cpuBefore;
      c.requests += result.requests;
      c.rounds.push(result.requests / result.seconds);
      c.failures += result.failures;
    }
  }
  const figures: Figures[] = [];
  for (const c of contenders) {
    const latency = await load(c.endpoints.slice(0, 1), 1, LATENCY_MS, true);
    const sorted = latency.samples.sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
    const perSecond = [...c.rounds].sort((a, b) => a - b)[Math.floor(c.rounds.length / 2)] ?? NaN;
    const cpuUsPerRequest = c.cpuMs ? (c.spentMs * 1000) / c.requests : undefined;
    figures.push({
      perSecond,
      failures: c.failures + latency.failures,
      medianMs: at(0.5),
      p99Ms: at(0.99),
      cpuUsPerRequest,
    });
  }
  return figures;
}

function findNginx(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v nginx"], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` },
  });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve()));
      socket.once("error", () =>
        performance.now() > deadline
          ? reject(new Error(`nothing listens on ${port} after ${timeoutMs} ms`))
          : setTimeout(attempt, 50),
      );
    };
    attempt();
  });
}

/** nginx as the same weighted proxy: one worker, two upstreams at 50/50, kept-alive upstream connections. */
async function startNginx(
  binary: string,
  instances: DemoInstance[],
): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const prefix = mkdtempSync(join(tmpdir(), "quikship-bench-nginx-"));
  for (const dir of ["logs", "temp"]) mkdirSync(join(prefix, dir));
  const port = await deadPort();
  const config = join(prefix, "nginx.conf");
  writeFileSync(
    config,
    `worker_processes 1;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/temp/body; proxy_temp_path ${prefix}/temp/proxy;
  fastcgi_temp_path ${prefix}/temp/fastcgi; uwsgi_temp_path ${prefix}/temp/uwsgi; scgi_temp_path ${prefix}/temp/scgi;
  keepalive_requests 1000000;
  upstream demo {
${instances.map((i) => `    server 127.0.0.1:${i.port} weight=50;`).join("\n")}
    keepalive 128;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://demo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const child = spawn(binary, ["-c", config, "-p", prefix, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, 5000);
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function line(name: string, f: Figures, direct: Figures): void {
  const added = direct === f ? "" : `  added median ${((f.medianMs - direct.medianMs) * 1000).toFixed(0)} µs`;
  const cpu = f.cpuUsPerRequest === undefined ? "" : `  proxy CPU ${f.cpuUsPerRequest.toFixed(1)} µs/request`;
  const failed = f.failures > 0 ? `  FAILED ${f.failures}` : "";
  console.log(
    `${name.padEnd(40)} ${f.perSecond.toFixed(0).padStart(7)} req/s  latency median ${(f.medianMs * 1000).toFixed(0)} µs p99 ${(f.p99Ms * 1000).toFixed(0)} µs${added}${cpu}${failed}`,
  );
}

function contender(name: string, endpoints: Endpoint[], cpuMs?: () => number): Contender {
  return { name, endpoints, cpuMs, rounds: [], failures: 0, requests: 0, spentMs: 0 };
}

export async function benchRouter(): Promise<void> {
  console.log(
    `\n# local router (${CONNECTIONS} kept-alive connections; median of ${ROUNDS} interleaved ${LOAD_MS / 1000} s rounds; latency on one connection)`,
  );
  const instances = await Promise.all([startDemo({ version: "v1.0.0" }), startDemo({ version: "v1.1.0" })]);
  const router = await createRouter({ environment: "bench" });
  const nginxBinary = findNginx();
  const nginx = nginxBinary ? await startNginx(nginxBinary, instances) : undefined;
  try {
    router.setRoutes(
      "api",
      instances.map((instance, i) => ({ revision: i + 1, weight: 50, targets: [{ id: `i${i}`, url: instance.url }] })),
    );
    const via = (port: number): Endpoint[] => [
      { host: "127.0.0.1", port, hostHeader: `api.bench.localhost:${port}`, path: "/" },
    ];
    const contenders = [
      contender(
        "direct to the two instances",
        instances.map((i) => ({ host: "127.0.0.1", port: i.port, hostHeader: `127.0.0.1:${i.port}`, path: "/" })),
      ),
      // The router runs on this process's main thread; the load generator on a worker thread.
      contender("through the router, 50/50", via(router.port), () => threadCpuMs(process.pid)),
      ...(nginx ? [contender("through nginx, 50/50 (1 worker)", via(nginx.port), () => treeCpuMs(nginx.pid))] : []),
    ];
    const [direct, routed, proxied] = await measure(contenders);
    contenders.forEach((c, i) => line(c.name, [direct, routed, proxied][i]!, direct!));
    console.log(`${"router / direct throughput".padEnd(40)} ${(routed!.perSecond / direct!.perSecond).toFixed(2)}`);
    if (!proxied) {
      console.log("nginx not found: install the Debian package (apt-get install -y nginx) to compare with it");
      return;
    }
    const ratio = routed!.perSecond / proxied.perSecond;
    console.log(
      `${"router / nginx throughput".padEnd(40)} ${ratio.toFixed(2)}  target ≥ 0.50: ${ratio >= 0.5 ? "met" : "MISSED"}`,
    );
    const added = (f: Figures): string => `${((f.medianMs - direct!.medianMs) * 1000).toFixed(0)} µs`;
    console.log(`${"added median latency, router / nginx".padEnd(40)} ${added(routed!)} / ${added(proxied)}`);
    const cpu = (routed!.cpuUsPerRequest ?? NaN) / (proxied.cpuUsPerRequest ?? NaN);
    console.log(
      `${"CPU per request, router / nginx".padEnd(40)} ${cpu.toFixed(2)}  (1 / this is the throughput ratio on an idle core each)`,
    );
  } finally {
    await nginx?.stop();
    await router.close();
    await Promise.all(instances.map((instance) => instance.stop()));
  }
}
