import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { freshDashboard, launchChromium } from "../dashboard/browser.js";
import { startPrometheus } from "../analysis/prometheus-server.js";
import type { PrometheusServer } from "../analysis/prometheus-server.js";
import { until } from "../local/agent-support.js";
import { GatewayTraffic } from "./double/traffic.js";
import type { KubeServer } from "./server-support.js";
import { KubeApi, gatewayPrometheusYaml, startKubeServer } from "./server-support.js";

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
${gatewayPrometheusYaml(prometheus, "  ")}  # A fifth of errors is over the warning (the canary waits for a person at the bake's end), not critical.
  thresholds:
    errorRate: { warning: "5%", critical: "50%" }
`;

let browser: Browser | undefined;
let dashboard: Promise<string> | undefined;
/** The dashboard built once for both servers. */
const builtDashboard = (): Promise<string> => (dashboard ??= freshDashboard());

/** The dashboard of `kube`'s server in headless Chromium, signed in with the admin token, at `path`. */
async function dashboardAt(kube: KubeServer, path: string): Promise<Page> {
  browser ??= await launchChromium();
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(kube.server.url);
  await page.getByLabel("Token").fill(readFileSync(join(kube.state, "admin.token"), "utf8").trim());
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("whoami").waitFor();
  await page.goto(`${kube.server.url}${path}`);
  return page;
}

after(async () => {
  await browser?.close();
});

interface Traffic {
  revisions: {
    revision: number;
    requests: number;
    errors: number;
    errorRatePercent: number | null;
    p99Ms: number | null;
  }[];
  source: { type: string; reason?: string };
  phase?: {
    source: string;
    revisions: { revision: number; requests: number; errors: number; errorRatePercent: number | null }[];
  } | null;
}

describe("the traffic view of a kubernetes environment, read from the Prometheus the engine judges from", () => {
  let kube: KubeServer;
  let api: KubeApi;
  let prometheus: PrometheusServer | undefined;
  let gateway: GatewayTraffic | undefined;
  let canaryRun: string | undefined;

  before(async () => {
    kube = await startKubeServer(
      async (double) => {
        gateway = new GatewayTraffic();
        double.controllers.push(gateway);
        prometheus = await startPrometheus([await gateway.listen()]);
        return withPrometheus(prometheus.url);
      },
      { QUIKSHIP_DASHBOARD_DIR: await builtDashboard() },
    );
    api = new KubeApi(kube);
  });
  after(async () => {
    await kube?.close();
    await prometheus?.stop();
    await gateway?.close();
  });

  /**
   * What the gateway counted for revision 1 once Prometheus has scraped it. Its first rollout sends
   * it the route as soon as its pod exists (nothing else could take the traffic), and until the pod
   * is ready the gateway answers 503s for it: the double's pods are ready 150 ms after a creation
   * time in whole seconds, so at once or up to 150 ms later. Those errors are its start's, counted
   * before any canary; read from Prometheus before the canary begins, they are in the baseline of
   * the canary's phase too.
   */
  async function scrapedStart(): Promise<{ requests: number; errors: number }> {
    const counted = gateway!.counted("quikapp-dev", "pay-r1");
    const scraped = await until(
      "Prometheus has what the gateway counted for revision 1",
      async () => {
        const { body } = await api.call<Traffic>("GET", "/v1/traffic/dev/pay");
        const first = body.revisions.find((r) => r.revision === 1);
        return first && first.requests >= counted.requests ? first : undefined;
      },
      30_000,
    );
    assert.equal(scraped.errors, counted.errors, "the errors of revision 1's start, as Prometheus has them");
    return counted;
  }

  it("shows the canary's and the stable revision's requests and errors, a -bad canary's about a fifth", async (t) => {
    assert.equal((await api.run("deploy", ["pay"], { tag: "v1.0.0" })).status, "succeeded");
    const start = await scrapedStart();
    t.diagnostic(`revision 1's start: ${start.errors} errors in ${start.requests} requests`);
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
    assert.deepEqual(view.source, { type: "prometheus", setting: "analysis.provider" });
    const [stable, canary] = view.revisions;
    assert.deepEqual([stable!.revision, canary!.revision], [1, 2]);
    // The canary adds no error to the stable revision: its errors are still those of its start.
    assert.equal(stable!.errors, start.errors, JSON.stringify(stable));
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
    // In that window, counted from the phase's start, the stable revision answered without an error.
    const judged = view.phase?.revisions.find((r) => r.revision === 1);
    assert.deepEqual([judged?.errors, judged?.errorRatePercent], [0, 0], JSON.stringify(judged));
    const final = (await api.call<{ status: string }>("GET", `/v1/runs/${run.id}`)).body;
    assert.ok(!["failed", "succeeded"].includes(final.status), `the canary is still under way: ${final.status}`);
    canaryRun = run.id;
  });

  it("and the dashboard's canary view shows them, with the canary's error rate over the warning", async () => {
    assert.ok(canaryRun, "the canary of the test before");
    const page = await dashboardAt(kube, `/runs/${canaryRun}`);
    const table = page.getByTestId("canary-panel").getByTestId("canary-traffic");
    const cells = (name: RegExp) => table.getByRole("row", { name }).getByRole("cell");
    const canary = cells(/^2 \(canary\)/);
    const stable = cells(/^1 \(stable\)/);
    await canary.nth(0).waitFor();
    // The phase's window grows each second the page polls: wait for errors counted in it.
    const deadline = Date.now() + 30_000;
    while (Number(await canary.nth(1).textContent()) === 0) {
      if (Date.now() > deadline) assert.fail(`no errors shown: ${await table.textContent()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(Number(await canary.nth(0).textContent()) > 0);
    assert.match((await canary.nth(2).textContent()) ?? "", /^\d+\.\d\d % · over warning$/);
    assert.ok(Number(await stable.nth(0).textContent()) > 0);
    assert.equal(await stable.nth(1).textContent(), "0");
    assert.match((await table.getByTestId("canary-traffic-window").textContent()) ?? "", /from the prometheus metrics/);
    await page.context().close();
  });
});

describe("the traffic view of a kubernetes environment without a Prometheus provider", () => {
  let kube: KubeServer;
  let api: KubeApi;

  before(async () => {
    kube = await startKubeServer(`${services}${environments}`, { QUIKSHIP_DASHBOARD_DIR: await builtDashboard() });
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

  it("and the dashboard's canary view says so in place of the table", async () => {
    const run = await api.submit("deploy", ["pay"], { tag: "v1.1.0" });
    await api.wait(run.id, (r) => r.status === "waiting" || ["failed", "succeeded"].includes(r.status));
    const page = await dashboardAt(kube, `/runs/${run.id}`);
    const panel = page.getByTestId("canary-panel");
    const sentence = (await panel.getByTestId("canary-traffic-uncounted").textContent()) ?? "";
    assert.match(sentence, /^No traffic to show: the kubernetes target of dev counts no requests itself/);
    assert.equal(await panel.getByTestId("canary-traffic").count(), 0, "no empty table");
    await page.context().close();
  });
});
