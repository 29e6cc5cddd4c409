import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { prometheusProvider } from "../../src/analysis/providers/index.js";
import type { MetricsQuery } from "../../src/analysis/providers/index.js";
import type { Environment, Service } from "../../src/config/types.js";
import { InputError, QuikshipError, UnavailableError } from "../../src/errors.js";

/** What the stand-in answers a query: a status and a JSON body, or nothing at all. */
type Answer = { status: number; body: unknown } | "hang";
interface Seen {
  path: string;
  query: string;
  time: string;
  authorization: string | undefined;
}

let answer: (query: string) => Answer = () => ({
  status: 200,
  body: { status: "success", data: { resultType: "vector", result: [] } },
});
const seen: Seen[] = [];
let url: string;
let server: http.Server;

before(async () => {
  server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? "/", "http://x");
    const query = parsed.searchParams.get("query") ?? "";
    seen.push({
      path: parsed.pathname,
      query,
      time: parsed.searchParams.get("time") ?? "",
      authorization: req.headers.authorization,
    });
    const a = answer(query);
    if (a === "hang") return;
    res.writeHead(a.status, { "content-type": typeof a.body === "string" ? "text/html" : "application/json" });
    res.end(typeof a.body === "string" ? a.body : JSON.stringify(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));

const q: MetricsQuery = {
  environment: { name: "live" } as Environment,
  service: { name: "api" } as Service,
  revisions: [4],
};
const vector = (...result: { metric?: Record<string, string>; value: [number, string] }[]) => ({
  status: 200,
  body: { status: "success", data: { resultType: "vector", result } },
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail("expected a failure"),
    (e: unknown) => e,
  );

describe("the Prometheus provider's reading of Prometheus's answers", () => {
  it("adds up a vector's series, takes a scalar, and turns bucket series into the router's histogram", async () => {
    answer = (query) => {
      if (query.startsWith("requests"))
        return vector({ metric: { pod: "a" }, value: [1, "60"] }, { metric: { pod: "b" }, value: [1, "40"] });
      if (query.startsWith("errors"))
        return { status: 200, body: { status: "success", data: { resultType: "scalar", result: [1, "3"] } } };
      if (query.startsWith("sum")) return vector({ value: [1, "12.5"] });
      return vector(
        { metric: { le: "+Inf", pod: "a" }, value: [1, "60"] },
        { metric: { le: "0.3", pod: "a" }, value: [1, "50"] },
        { metric: { le: "0.1", pod: "a" }, value: [1, "20"] },
        { metric: { le: "0.3", pod: "b" }, value: [1, "39"] },
        { metric: { le: "0.1", pod: "b" }, value: [1, "30"] },
        { metric: { le: "+Inf", pod: "b" }, value: [1, "40"] },
      );
    };
    const provider = prometheusProvider({
      url,
      queries: { requests: "requests", errors: "errors", latencyBuckets: "buckets", latencySum: "sum" },
    });
    assert.deepEqual(await provider.sample(q), [
      { revision: 4, requests: 100, errors: 3, latency: { le: [100, 300], counts: [50, 89], sumMs: 12_500 } },
    ]);
  });

  it("asks every query of a sample at one instant, with the credentials of the URL as a Basic header", async () => {
    seen.length = 0;
    answer = () => vector();
    await prometheusProvider({ url: `http://quik:p%40ss@${url.slice("http://".length)}/prom/` }).sample({
      ...q,
      revisions: [1, 2],
    });
    assert.equal(seen.length, 8);
    assert.ok(seen.every((s) => s.path === "/prom/api/v1/query"));
    assert.equal(new Set(seen.map((s) => s.time)).size, 1);
    assert.ok(seen.every((s) => s.authorization === `Basic ${Buffer.from("quik:p@ss").toString("base64")}`));
  });

  it("keeps credentials out of its messages", async () => {
    answer = () => ({ status: 400, body: { status: "error", errorType: "bad_data", error: "parse error" } });
    const error = await failure(
      prometheusProvider({ url: `http://quik:secret@${url.slice("http://".length)}` }).sample(q),
    );
    assert.ok(error instanceof InputError);
    assert.ok(
      error.message.startsWith(`Prometheus at ${url} refused the query (bad_data: parse error;`),
      error.message,
    );
    assert.ok(!error.message.includes("secret"));
  });

  it("times out a query that takes longer than the timeout, and says which setting to raise", async () => {
    answer = () => "hang";
    const error = await failure(prometheusProvider({ url, timeoutMs: 100 }).sample(q));
    assert.ok(error instanceof UnavailableError && error.retryable);
    assert.match(
      error.message,
      new RegExp(
        `^Prometheus at ${url} did not answer within 100 ms \\(query analysis\\.provider\\.queries\\.\\w+: .*\\); make the query cheaper or raise analysis\\.provider\\.timeout$`,
      ),
    );
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    answer = () => "hang";
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 50);
    const error = await failure(prometheusProvider({ url }).sample(q, controller.signal));
    assert.ok(!(error instanceof QuikshipError) && error instanceof Error && error.message === "run cancelled");
  });

  it("treats a Prometheus that is overloaded or behind a failing proxy as one that may recover", async () => {
    answer = () => ({
      status: 503,
      body: { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" },
    });
    const overloaded = await failure(prometheusProvider({ url }).sample(q));
    assert.ok(overloaded instanceof UnavailableError && overloaded.retryable);
    assert.match(
      overloaded.message,
      /failed to run the query \(timeout: query timed out in expression evaluation; query analysis\.provider\.queries\./,
    );
    answer = () => ({ status: 502, body: "<html>Bad Gateway</html>" });
    const proxied = await failure(prometheusProvider({ url }).sample(q));
    assert.ok(proxied instanceof UnavailableError);
    assert.match(proxied.message, new RegExp(`^Prometheus at ${url} answered HTTP 502 Bad Gateway \\(query `));
  });

  it("asks for the query to be fixed when Prometheus cannot run it as written", async () => {
    answer = () => ({
      status: 422,
      body: { status: "error", errorType: "execution", error: "found duplicate series for the match group" },
    });
    const error = await failure(prometheusProvider({ url }).sample(q));
    assert.ok(error instanceof InputError && !error.retryable);
    assert.match(
      error.message,
      /refused the query \(execution: found duplicate series for the match group; query analysis\.provider\.queries\.\w+: .*\); fix analysis\.provider\.queries\.\w+ in the platform file$/,
    );
  });

  it("refuses a query that gives a range vector, or buckets without an le label", async () => {
    answer = () => ({ status: 200, body: { status: "success", data: { resultType: "matrix", result: [] } } });
    const range = await failure(prometheusProvider({ url }).sample(q));
    assert.ok(range instanceof InputError);
    assert.match(range.message, /returned a matrix \(query .*\); the query must give an instant vector or a scalar$/);
    answer = (query) => (query.includes("bucket") ? vector({ metric: { pod: "a" }, value: [1, "1"] }) : vector());
    const buckets = await failure(prometheusProvider({ url }).sample(q));
    assert.ok(buckets instanceof InputError);
    assert.match(
      buckets.message,
      /latencyBuckets returned a series without an le label; it must give one series per le bound, such as sum by \(le\)/,
    );
  });
});
