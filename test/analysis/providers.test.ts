import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createMetricsProvider, routerProvider } from "../../src/analysis/providers/index.js";
import { DEFAULT_PROMETHEUS_QUERIES } from "../../src/config/schema/analysis.js";
import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { InputError } from "../../src/errors.js";
import type { RevisionTraffic } from "../../src/targets/target.js";
import { BASE } from "../config/base-platform.js";
import { edit, removeTrees, writeTree } from "../config/support.js";
import { FakeTarget, fakeTargets } from "../support/fake-target.js";

after(removeTrees);

function load(provider?: string): Platform {
  const result = loadPlatform(
    writeTree({
      "quikship.yaml": provider ? edit(BASE, ["\nanalysis:\n", `\nanalysis:\n  provider: ${provider}\n`]) : BASE,
    }),
  );
  assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.message), []);
  assert.ok(result.ok);
  return result.platform;
}

function traffic(revision: number, requests: number, errors: number): RevisionTraffic {
  return {
    revision,
    requests,
    errors,
    latency: { le: [100, 500], counts: [requests - 1, requests], sumMs: 42 * requests },
  };
}

describe("analysis.provider in the platform file", () => {
  it("is the router when the platform names none", () => {
    const { analysis } = load();
    assert.deepEqual(analysis.provider, { type: "router" });
    assert.equal(createMetricsProvider(analysis.provider, fakeTargets({})).kind, "router");
  });

  it("normalizes a Prometheus provider: the timeout in ms, each template left out filled with the router's series", () => {
    const { analysis } = load(
      '{ type: prometheus, url: "http://prometheus:9090", timeout: 3s, queries: { requests: "sum(ingress_requests{svc=\\"{service}\\"})" } }',
    );
    assert.deepEqual(analysis.provider, {
      type: "prometheus",
      url: "http://prometheus:9090",
      timeoutMs: 3000,
      latencyUnit: "s",
      queries: { ...DEFAULT_PROMETHEUS_QUERIES, requests: 'sum(ingress_requests{svc="{service}"})' },
    });
    assert.equal(createMetricsProvider(analysis.provider, fakeTargets({})).kind, "prometheus");
  });

  it("gives the Prometheus provider a 10 s timeout by default", () => {
    const { analysis } = load("{ type: prometheus, url: http://prometheus:9090 }");
    assert.equal(analysis.provider.type === "prometheus" && analysis.provider.timeoutMs, 10_000);
  });

  it("refuses a template with an unknown placeholder: validation names its place, and the provider is never made", () => {
    const written =
      '{ type: prometheus, url: http://prometheus:9090, queries: { errors: "sum(e{ns=\\"{namespace}\\"})" } }';
    const result = loadPlatform(
      writeTree({ "quikship.yaml": edit(BASE, ["\nanalysis:\n", `\nanalysis:\n  provider: ${written}\n`]) }),
    );
    assert.ok(!result.ok);
    assert.match(
      result.errors.map((e) => e.message).join("\n"),
      /unknown placeholder \{namespace\} in the errors query/,
    );
    // A platform built some other way is refused when the provider is made.
    const { analysis } = load("{ type: prometheus, url: http://prometheus:9090 }");
    if (analysis.provider.type !== "prometheus") throw new Error("expected the Prometheus provider");
    const bad = { ...analysis.provider, queries: { ...analysis.provider.queries, errors: 'sum(e{ns="{namespace}"})' } };
    assert.throws(
      () => createMetricsProvider(bad, fakeTargets({})),
      (error: unknown) =>
        error instanceof InputError && /queries\.errors: unknown placeholder \{namespace\}/.test(error.message),
    );
  });

  it("rejects a provider URL that is not http(s)", () => {
    const result = loadPlatform(
      writeTree({
        "quikship.yaml": edit(BASE, [
          "\nanalysis:\n",
          "\nanalysis:\n  provider: { type: prometheus, url: prometheus:9090 }\n",
        ]),
      }),
    );
    assert.ok(!result.ok);
    assert.match(
      result.errors.map((e) => e.message).join("\n"),
      /must be an http\(s\) URL such as "http:\/\/prometheus:9090"/,
    );
  });
});

describe("the router provider", () => {
  const platform = load();
  const [dev, live] = [platform.environments.dev!, platform.environments.live!];
  const api = platform.services.api!;
  const devTarget = new FakeTarget();
  const liveTarget = new FakeTarget();
  devTarget.setTraffic("dev", "api", traffic(1, 900, 2));
  devTarget.setTraffic("dev", "api", traffic(2, 100, 9));
  devTarget.setTraffic("dev", "api", traffic(3, 5, 0));
  liveTarget.setTraffic("live", "api", traffic(1, 7, 7));
  const provider = routerProvider(fakeTargets({ dev: devTarget, live: liveTarget }));

  it("reads the asked revisions from the environment's target, in the order asked", async () => {
    assert.deepEqual(await provider.sample({ environment: dev, service: api, revisions: [2, 1] }), [
      traffic(2, 100, 9),
      traffic(1, 900, 2),
    ]);
    assert.deepEqual(await provider.sample({ environment: live, service: api, revisions: [1] }), [traffic(1, 7, 7)]);
  });

  it("reads a revision the target has no counters for as zeros, and each revision once", async () => {
    const sample = await provider.sample({ environment: dev, service: api, revisions: [4, 3, 4] });
    assert.deepEqual(sample, [
      { revision: 4, requests: 0, errors: 0, latency: { le: [], counts: [], sumMs: 0 } },
      traffic(3, 5, 0),
    ]);
  });

  it("passes on the target's failure, and stops when aborted", async () => {
    const failing = new FakeTarget();
    failing.failure = new Error("agent not running");
    await assert.rejects(
      routerProvider(fakeTargets({}, failing)).sample({ environment: dev, service: api, revisions: [1] }),
      /agent not running/,
    );
    await assert.rejects(
      provider.sample({ environment: dev, service: api, revisions: [1] }, AbortSignal.abort(new Error("stopped"))),
      /stopped/,
    );
  });
});
