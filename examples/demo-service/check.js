// Post-deployment check of the QuikApp reference platform (examples/quikapp).
// Usage: node check.js <smoke|integration|qa|security|performance|load>
// Reads QUIKSHIP_ROUTER_URL (the environment's router) and SERVICES (comma-separated names),
// GETs <router>/<service>/health for each service and expects 200. Every kind but smoke also
// holds the slowest answer to a latency budget (LATENCY_BUDGET_MS, default 500: the critical
// p99 threshold); performance and load send more requests, load several at a time.
// The smoke check also GETs <router>/<service>/ and expects 200. With QUIKSHIP_RESULTS_DIR set (quikship
// sets it), it writes junit.xml there: one test case per service.
// No dependencies, no static imports: runs as ES module or CommonJS on Node 20.

const KINDS = {
  smoke: { requests: 1, concurrency: 1, latency: false, identity: true },
  integration: { requests: 1, concurrency: 1, latency: true },
  qa: { requests: 1, concurrency: 1, latency: true },
  security: { requests: 1, concurrency: 1, latency: true },
  performance: { requests: 20, concurrency: 1, latency: true },
  load: { requests: 100, concurrency: 10, latency: true },
};

function fail(message, code = 1) {
  console.error(`check: ${message}`);
  process.exit(code);
}

async function probe(url) {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, error: error.cause?.code ?? error.name };
  }
}

async function checkService(router, service, kind, budgetMs) {
  const url = `${router}/${encodeURIComponent(service)}/health`;
  const results = [];
  for (let sent = 0; sent < kind.requests; sent += kind.concurrency) {
    const batch = Math.min(kind.concurrency, kind.requests - sent);
    results.push(...(await Promise.all(Array.from({ length: batch }, () => probe(url)))));
  }
  if (kind.identity) results.push(await probe(`${router}/${encodeURIComponent(service)}/`));
  const bad = results.filter((r) => r.status !== 200);
  const slowest = Math.max(...results.map((r) => r.ms));
  if (bad.length > 0) {
    const first = bad[0];
    const got = first.status === 0 ? `no answer (${first.error})` : `HTTP ${first.status}`;
    return `${service}: GET ${url} gave ${got} for ${bad.length} of ${results.length} requests, expected 200`;
  }
  if (kind.latency && slowest > budgetMs) {
    const of = results.length === 1 ? "the only request" : `slowest of ${results.length} requests`;
    return `${service}: ${of} took ${Math.round(slowest)} ms, over the ${budgetMs} ms budget`;
  }
  console.log(
    `ok ${service} (${results.length} request${results.length === 1 ? "" : "s"}, slowest ${Math.round(slowest)} ms)`,
  );
  return undefined;
}

const escapeXml = (text) =>
  text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);

async function writeJunit(kindName, cases) {
  const dir = process.env.QUIKSHIP_RESULTS_DIR;
  if (!dir) return;
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const failures = cases.filter((c) => c.problem).length;
  const body = cases
    .map(({ service, problem }) =>
      problem
        ? `<testcase classname="${kindName}" name="${escapeXml(service)}"><failure message="${escapeXml(problem)}"/></testcase>`
        : `<testcase classname="${kindName}" name="${escapeXml(service)}"/>`,
    )
    .join("");
  writeFileSync(
    join(dir, "junit.xml"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${kindName}" tests="${cases.length}" failures="${failures}">${body}</testsuite>\n`,
  );
}

async function main() {
  const kindName = process.argv[2] ?? "smoke";
  const kind = KINDS[kindName];
  if (!kind) fail(`unknown check "${kindName}"; use one of ${Object.keys(KINDS).join(", ")}`, 2);
  const router = (process.env.QUIKSHIP_ROUTER_URL ?? "").replace(/\/+$/, "");
  if (!router)
    fail("QUIKSHIP_ROUTER_URL is not set; it must be the environment's router, e.g. http://127.0.0.1:7403", 2);
  const services = (process.env.SERVICES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (services.length === 0)
    fail("SERVICES is not set; it must list the services to check, e.g. auth-service,user-service", 2);
  const budgetMs = Number(process.env.LATENCY_BUDGET_MS ?? 500);
  if (!(budgetMs > 0))
    fail(`LATENCY_BUDGET_MS must be a positive number of milliseconds, got "${process.env.LATENCY_BUDGET_MS}"`, 2);

  const problems = [];
  const cases = [];
  for (const service of services) {
    const problem = await checkService(router, service, kind, budgetMs);
    if (problem) problems.push(problem);
    cases.push({ service, problem });
  }
  await writeJunit(kindName, cases);
  if (problems.length > 0)
    fail(`${kindName} check failed for ${problems.length} of ${services.length} services:\n  ${problems.join("\n  ")}`);
  console.log(`${kindName} check passed for ${services.length} service${services.length === 1 ? "" : "s"}`);
}

main().catch((error) => fail(`internal error: ${error.stack ?? error}`, 3));
