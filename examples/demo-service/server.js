// Demo service: the local command of every QuikApp service in the reference platform.
// Usage: PORT=3000 SERVICE_NAME=auth-service VERSION=v1.0.0 ENVIRONMENT=dev node server.js
//   GET /health  → 200 {"status":"ok"}
//   GET /<any>   → 200 {"service","version","environment","pid"}
// The version's tag picks a misbehaviour, to rehearse canaries and rollbacks:
//   -bad   30% of non-health requests answer 500
//   -slow  every non-health request takes 600 ms more
//   -crash the process exits with status 1 two seconds after start (health answers until then)
//   -broken every non-health request answers 500: health checks pass, the smoke test fails
// The router strips its path prefix (/auth-service/health reaches the instance as /health); a
// request that still carries /<SERVICE_NAME>/ is answered the same way, so both forms work.
// No dependencies, no static imports: runs as ES module or CommonJS on Node 20, from any cwd.

const BAD_SHARE = 0.3;
const SLOW_MS = 600;
const CRASH_AFTER_MS = 2000;

const port = Number(process.env.PORT ?? 3000);
const service = process.env.SERVICE_NAME ?? "demo-service";
const version = process.env.VERSION ?? "v0.0.0";
const environment = process.env.ENVIRONMENT ?? "local";
const bad = version.includes("-bad");
const slow = version.includes("-slow");
const crash = version.includes("-crash");
const broken = version.includes("-broken");
const prefix = `/${service}`;

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`demo-service: PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}

// mulberry32 seeded per process: failures are spread like random ones, yet reproducible from
// the seed printed at start (set DEMO_SEED to replay one).
const seed = Number(process.env.DEMO_SEED ?? (process.pid * 2654435761 + Date.now()) >>> 0) >>> 0;
let state = seed;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The path as the service sees it: without a leading /<SERVICE_NAME> left by a caller. */
function localPath(url) {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (path === prefix) return "/";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

const identity = JSON.stringify({ service, version, environment, pid: process.pid });
const healthy = JSON.stringify({ status: "ok" });
const failure = JSON.stringify({ error: "injected failure", service, version });

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function answer(req, res) {
  // Drain any request body so the connection stays reusable.
  req.resume();
  if (localPath(req.url ?? "/") === "/health") return send(res, 200, healthy);
  const reply = () => (broken || (bad && random() < BAD_SHARE) ? send(res, 500, failure) : send(res, 200, identity));
  if (slow) setTimeout(reply, SLOW_MS);
  else reply();
}

async function main() {
  const http = await import("node:http");
  const server = http.createServer(answer);
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    const flags =
      [bad && "bad", slow && "slow", crash && "crash", broken && "broken"].filter(Boolean).join(",") || "none";
    console.log(
      `${service} ${version} (${environment}) listening on http://127.0.0.1:${address.port} pid ${process.pid} misbehaviour ${flags} seed ${seed}`,
    );
  });
  if (crash) {
    setTimeout(() => {
      console.error(`${service} ${version}: crashing on purpose (-crash)`);
      process.exit(1);
    }, CRASH_AFTER_MS);
  }
  const stop = (signal) => {
    console.log(`${service}: ${signal}, closing`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // In-flight requests get a moment to finish; then the process goes regardless.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(`demo-service: ${error.stack ?? error}`);
  process.exit(1);
});
