import assert from "node:assert/strict";
import { after, it } from "node:test";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { eachTestApp, errorOf, PLATFORM_YAML } from "./support.js";

after(removeTrees);

const YAML = `${PLATFORM_YAML}analysis:
  thresholds:
    errorRate: { warning: 1%, critical: 5% }
    latencyP99: { warning: 300ms, critical: 800ms }
`;

forEachDatabase("a service's traffic per revision through the API", (t) => {
  const h = eachTestApp(t, { platformYaml: YAML });
  const get = h.get;

  it("answers requests, errors, error rate and p99 per revision, with the analysis thresholds", async () => {
    // 100 requests of revision 1: 99 within 100 ms, 1 within 200 ms. Revision 2: 10 requests, 1 error, all within 500 ms.
    h.s.target.setTraffic("dev", "web", {
      revision: 2,
      requests: 10,
      errors: 1,
      latency: { le: [100, 500], counts: [0, 10], sumMs: 3000 },
    });
    h.s.target.setTraffic("dev", "web", {
      revision: 1,
      requests: 100,
      errors: 0,
      latency: { le: [100, 200], counts: [99, 100], sumMs: 5000 },
    });
    const res = await get("/v1/traffic/dev/web");
    assert.equal(res.statusCode, 200);
    const body = res.json<{
      environment: string;
      service: string;
      revisions: {
        revision: number;
        requests: number;
        errors: number;
        errorRatePercent: number | null;
        p99Ms: number | null;
      }[];
      thresholds: unknown;
      source: unknown;
    }>();
    assert.equal(body.environment, "dev");
    assert.equal(body.service, "web");
    assert.deepEqual(
      body.revisions.map((r) => [r.revision, r.requests, r.errors, r.errorRatePercent, r.p99Ms]),
      [
        [1, 100, 0, 0, 100],
        [2, 10, 1, 10, 100 + 400 * 0.99],
      ],
    );
    assert.deepEqual(body.source, { type: "target" }, "the target counts them itself");
    assert.deepEqual(body.thresholds, {
      errorRatePercent: { warning: 1, critical: 5 },
      latencyP99Ms: { warning: 300, critical: 800 },
    });
  });

  it("answers null rates without requests, and no revisions where nothing is counted", async () => {
    h.s.target.setTraffic("qa", "api", {
      revision: 3,
      requests: 0,
      errors: 0,
      latency: { le: [100], counts: [0], sumMs: 0 },
    });
    const body = (await get("/v1/traffic/qa/api")).json<{ revisions: unknown[] }>();
    assert.deepEqual(body.revisions, [{ revision: 3, requests: 0, errors: 0, errorRatePercent: null, p99Ms: null }]);
    assert.deepEqual((await get("/v1/traffic/dev/api")).json<{ revisions: unknown[] }>().revisions, []);
  });

  it("is a 404 naming the nearest environment or service", async () => {
    const env = await get("/v1/traffic/deb/web");
    assert.equal(env.statusCode, 404);
    assert.match(errorOf(env).message, /unknown environment "deb".*dev/);
    const service = await get("/v1/traffic/dev/wbe");
    assert.equal(service.statusCode, 404);
    assert.match(errorOf(service).message, /unknown service "wbe".*web/);
  });

  it("needs a token", async () => {
    assert.equal((await h.s.app.inject({ url: "/v1/traffic/dev/web" })).statusCode, 401);
  });
});
