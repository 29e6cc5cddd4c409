import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPrometheus } from "../analysis/prometheus-server.js";
import type { PrometheusServer } from "../analysis/prometheus-server.js";
import { GatewayTraffic } from "./double/traffic.js";
import type { KubeServer } from "./server-support.js";
import { KubeApi, startKubeServer } from "./server-support.js";

const environments = `environments:
  dev:
    tier: nonprod
    target: kubernetes
    registry: none
    cluster: dev
    namespace: quikapp-dev
    minReady: 0s
    progressDeadline: 30s
    replicas: { min: 1, max: 1 }
    gateway: { name: public, namespace: gateway }
`;

const services = `version: 1
name: quikapp
stacks:
  node: { port: 3000, healthPath: /health }
services:
  pay:
    stack: node
    image: registry.local/pay
    # A long bake: the canary stays at half the traffic while the test reads it.
    strategy: { type: canary, steps: [{ weight: 50, bake: 1h }, { weight: 100 }] }
`;

/** The gateway's counters per backend Service, scraped by a real Prometheus: as in server-e2e.test.ts. */
const withPrometheus = (prometheus: string): string => `${services}${environments}analysis:
  provider:
    type: prometheus
    url: ${prometheus}
    queries:
      requests: sum(gateway_backend_requests_total{namespace="quikapp-{environment}",backend="{service}-r{revision}"})
      errors: sum(gateway_backend_errors_total{namespace="quikapp-{environment}",backend="{service}-r{revision}"})
      latencyBuckets: sum by (le) (gateway_backend_request_duration_seconds_bucket{namespace="quikapp-{environment}",backend="{service}-r{revision}"})
      latencySum: sum(gateway_backend_request_duration_seconds_sum{namespace="quikapp-{environment}",backend="{service}-r{revision}"})
  # A fifth of errors is over the warning (the canary waits for a person at the bake's end), not critical.
  thresholds:
    errorRate: { warning: "5%", critical: "50%" }
`;

interface Traffic {
  revisions: {
    revision: number;
    requests: number;
    errors: number;
    errorRatePercent: number | null;
    p99Ms: number | null;
  }[];
  source: { type: string; reason?: string };
  phase?: { source: string; revisions: { revision: number; requests: number }[] } | null;
}

describe("the traffic view of a kubernetes environment, read from the Prometheus the engine judges from", () => {
  let kube: KubeServer;
  let api: KubeApi;
  let prometheus: PrometheusServer | undefined;
  let gateway: GatewayTraffic | undefined;

  before(async () => {
    kube = await startKubeServer(async (double) => {
      gateway = new GatewayTraffic();
      double.controllers.push(gateway);
      prometheus = await startPrometheus([await gateway.listen()]);
      return withPrometheus(prometheus.url);
    });
    api = new KubeApi(kube);
  });
  after(async () => {
    await kube?.close();
    await prometheus?.stop();
    await gateway?.close();
  });

  it("shows the canary's and the stable revision's requests and errors, a -bad canary's about a fifth", async () => {
    assert.equal((await api.run("deploy", ["pay"], { tag: "v1.0.0" })).status, "succeeded");
    const run = await api.submit("deploy", ["pay"], { tag: "v1.1.0-bad" });
    await api.wait(run.id, (r) => r.status === "waiting" || ["failed", "succeeded"].includes(r.status));
    // Half the gateway's 100 requests a second go to each backend: wait for a sample worth judging.
    let view: Traffic | undefined;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { status, body } = await api.call<Traffic>("GET", `/v1/traffic/dev/pay?run=${run.id}`);
      assert.equal(status, 200, JSON.stringify(body));
      view = body;
      if (body.revisions.length === 2 && body.revisions.every((r) => r.requests >= 150)) break;
      if (Date.now() > deadline) assert.fail(`not enough traffic counted: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(view.source, { type: "prometheus" });
    const [stable, canary] = view.revisions;
    assert.deepEqual([stable!.revision, canary!.revision], [1, 2]);
    assert.equal(stable!.errors, 0);
    assert.equal(stable!.errorRatePercent, 0);
    assert.ok(canary!.errors > 0, JSON.stringify(canary));
    assert.ok(
      canary!.errorRatePercent! > 12 && canary!.errorRatePercent! < 28,
      `the canary's error rate is about 20 %: ${JSON.stringify(canary)}`,
    );
    // Every simulated answer takes 20 ms: the p99 lies in the histogram's 10–50 ms bucket.
    assert.ok(stable!.p99Ms! > 10 && stable!.p99Ms! <= 50, JSON.stringify(stable));
    // The window the engine judges comes from the same provider.
    assert.equal(view.phase?.source, "prometheus");
    assert.deepEqual(
      view.phase?.revisions.map((r) => r.revision),
      [2, 1],
    );
    const final = (await api.call<{ status: string }>("GET", `/v1/runs/${run.id}`)).body;
    assert.ok(!["failed", "succeeded"].includes(final.status), `the canary is still under way: ${final.status}`);
  });
});

describe("the traffic view of a kubernetes environment without a Prometheus provider", () => {
  let kube: KubeServer;
  let api: KubeApi;

  before(async () => {
    kube = await startKubeServer(`${services}${environments}`);
    api = new KubeApi(kube);
  });
  after(async () => {
    await kube?.close();
  });

  it("says that nothing counts its traffic and what to set, rather than failing or answering nothing", async () => {
    assert.equal((await api.run("deploy", ["pay"], { tag: "v1.0.0" })).status, "succeeded");
    const { status, body } = await api.call<Traffic>("GET", "/v1/traffic/dev/pay");
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.revisions, []);
    assert.equal(body.source.type, "none");
    assert.match(
      body.source.reason ?? "",
      /^the kubernetes target of dev counts no requests itself, and analysis\.provider is the router.*type: prometheus/,
    );
  });
});
