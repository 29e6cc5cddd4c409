import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment } from "@kubernetes/client-node";
import { startPrometheus } from "../analysis/prometheus-server.js";
import type { PrometheusServer } from "../analysis/prometheus-server.js";
import { GatewayListener } from "./double/gateway.js";
import { GatewayTraffic } from "./double/traffic.js";
import type { KubeServer } from "./server-support.js";
import { KubeApi, gatewayPrometheusYaml, startKubeServer } from "./server-support.js";

const platform = (prometheus: string, gateway: string): string => `version: 1
name: quikapp
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node, image: registry.local/api }
  pay:
    stack: node
    image: registry.local/pay
    strategy: { type: canary, steps: [{ weight: 20, bake: 4s }, { weight: 100 }] }
  web:
    stack: node
    image: registry.local/web
    strategy: { type: blue-green, previewAnalysis: 1s, postSwitchAnalysis: 1s, standby: 10m }
environments:
  dev:
    tier: nonprod
    target: kubernetes
    registry: none
    cluster: dev
    namespace: quikapp-dev
    minReady: 0s
    progressDeadline: 30s
    replicas: { min: 1, max: 3 }
    gateway: { name: public, namespace: gateway }
    url: ${gateway}
    # dev's own provider: what the gateway counted per backend Service (the double's simulated
    # data plane), as a gateway controller's metrics scraped by a real Prometheus. qa keeps the
    # platform's, the router.
    analysis:
${gatewayPrometheusYaml(prometheus, "      ")}  qa:
    from: dev
    tier: nonprod
    target: kubernetes
    registry: none
    cluster: qa
    namespace: quikapp-qa
    minReady: 0s
    progressDeadline: 30s
    replicas: { min: 2, max: 2 }
analysis:
  thresholds:
    errorRate: { warning: "0.5%", critical: "1%" }
  judgement: { minSampleRequests: 20, confidence: 0.99, inconclusive: promote }
`;

let kube: KubeServer;
let api: KubeApi;
let prometheus: PrometheusServer | undefined;
let traffic: GatewayTraffic | undefined;
let gateway: GatewayListener | undefined;

describe("the kubernetes target end to end: a quikship server on a kubeconfig whose contexts point at the test double", () => {
  before(async () => {
    kube = await startKubeServer(async (double) => {
      traffic = new GatewayTraffic();
      double.controllers.push(traffic);
      prometheus = await startPrometheus([await traffic.listen()]);
      // The environment's url is the Gateway's address: the check before a blue-green switch asks it.
      gateway = new GatewayListener(double.cluster, { name: "public", namespace: "gateway" });
      return platform(prometheus.url, await gateway.listen());
    });
    api = new KubeApi(kube);
  });
  after(async () => {
    await kube?.close();
    await prometheus?.stop();
    await traffic?.close();
    await gateway?.close();
  });

  it("deploys a tag that kubectl then sees rolled out in the environment's namespace", async () => {
    const run = await api.run("deploy", ["api"], { tag: "v1.0.0" });
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    // A rolling service: one Deployment named after it, rolled by the Deployment controller.
    const d = await kube.kubectl.json<V1Deployment>(["--context", "dev", "get", "deploy", "api"]);
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "registry.local/api:v1.0.0");
    assert.equal(d.status?.readyReplicas, 1);
    assert.deepEqual(d.spec?.strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    assert.deepEqual([d.spec?.minReadySeconds, d.spec?.progressDeadlineSeconds], [0, 30]);
  });

  it("promotes what dev runs to qa, in qa's namespace at qa's size", async () => {
    const run = await api.run("promote", ["api"], { to: ["qa"], tag: "v1.0.0" });
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const d = await kube.kubectl.json<V1Deployment>(["--context", "qa", "get", "deploy", "api"]);
    assert.equal(d.metadata?.namespace, "quikapp-qa");
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "registry.local/api:v1.0.0");
    assert.equal(d.status?.readyReplicas, 2);
  });

  it("rolls a new tag out and rolls it back to the previous revision", async () => {
    const preview = await api.call<{ services: { strategy: { traffic: string } }[] }>("POST", "/v1/preview", {
      environment: "dev",
      services: ["api"],
      tag: "v1.1.0",
    });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.services[0]?.strategy.traffic, "deployment controller");
    assert.equal((await api.run("deploy", ["api"], { tag: "v1.1.0" })).status, "succeeded");
    assert.equal(await routeTo("api"), "api-r2=100");
    const status = await kube.kubectl.ok(["--context", "dev", "rollout", "status", "deploy/api", "--timeout=10s"]);
    assert.match(status, /deployment "api" successfully rolled out/);
    const sets = await kube.kubectl.ok([
      "--context",
      "dev",
      "get",
      "rs",
      "-l",
      "app.kubernetes.io/name=api",
      "-o",
      "name",
    ]);
    assert.equal(sets.trim().split("\n").length, 2, "the ReplicaSets of revisions 1 and 2");
    const rollback = await api.run("rollback", ["api"]);
    assert.equal(rollback.status, "succeeded", JSON.stringify(rollback.error));
    // A rollback is a new revision of the previous tag: revision 3 runs v1.0.0, alone.
    assert.equal(await routeTo("api"), "api-r3=100");
    const d = await kube.kubectl.json<V1Deployment>(["--context", "dev", "get", "deploy", "api"]);
    assert.equal(d.spec?.template.spec?.containers[0]?.image, "registry.local/api:v1.0.0");
    assert.equal(d.spec?.template.metadata?.labels?.["quikship.io/revision"], "3");
    const names = await kube.kubectl.ok([
      "--context",
      "dev",
      "get",
      "deploy",
      "-o",
      "name",
      "-l",
      "app.kubernetes.io/name=api",
    ]);
    assert.deepEqual(names.trim().split("\n"), ["deployment.apps/api"]);
  });

  it("restarts through the restartedAt annotation and scales the running revision", async () => {
    const restart = await api.run("restart", ["api"]);
    assert.equal(restart.status, "succeeded", JSON.stringify(restart.error));
    const d = await kube.kubectl.json<V1Deployment>(["--context", "dev", "get", "deploy", "api"]);
    assert.ok(d.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]);
    const scale = await api.run("scale", ["api"], { replicas: 3 });
    assert.equal(scale.status, "succeeded", JSON.stringify(scale.error));
    const scaled = await kube.kubectl.json<V1Deployment>(["--context", "dev", "get", "deploy", "api"]);
    assert.deepEqual([scaled.spec?.replicas, scaled.status?.readyReplicas], [3, 3]);
  });

  it("switches a blue-green deploy in one write of the HTTPRoute after checking the preview through the Gateway, and switches back on rollback", async () => {
    assert.equal((await api.run("deploy", ["web"], { tag: "v1.0.0" })).status, "succeeded");
    const green = await api.run("deploy", ["web"], { tag: "v2.0.0" });
    assert.equal(green.status, "succeeded", JSON.stringify(green.error));
    assert.equal(await routeTo("web"), "web-r2=100");
    const back = await api.run("rollback", ["web"]);
    assert.equal(back.status, "succeeded", JSON.stringify(back.error));
    assert.equal(await routeTo("web"), "web-r1=100");
    // Two services on the environment's one hostname, each reached through the Gateway by its own prefix.
    // web's pods are its revision's Deployment's (web-r1-HASH-ID); api's the rolling Deployment's (api-HASH-ID).
    for (const [prefix, pod] of [
      ["web", /^web-r1-/],
      ["api", /^api-[a-z0-9]+-[a-z0-9]+$/],
    ] as const) {
      const answer = await fetch(`${gateway!.url}/${prefix}/health`);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get("x-pod") ?? "", pod);
      assert.equal(answer.headers.get("x-path"), "/health", "the prefix is stripped");
    }
  });

  it("aborts a canary whose errors Prometheus counted, with all traffic back on the stable revision", async () => {
    assert.equal((await api.run("deploy", ["pay"], { tag: "v1.0.0" })).status, "succeeded");
    const run = await api.run("deploy", ["pay"], { tag: "v1.1.0-bad" });
    assert.equal(run.status, "failed");
    assert.match(run.error?.message ?? "", /canary of pay revision 2 \(v1\.1\.0-bad\) in dev aborted: .*error rate/);
    assert.equal(await routeTo("pay"), "pay-r1=100");
    const names = await kube.kubectl.ok([
      "--context",
      "dev",
      "get",
      "deploy",
      "-o",
      "name",
      "-l",
      "app.kubernetes.io/name=pay",
    ]);
    assert.deepEqual(names.trim().split("\n"), ["deployment.apps/pay-r1"]);
  });

  it("reads each environment's own provider: dev's Prometheus, and in qa the platform's router, which has nothing to read there", async () => {
    const dev = await api.call<{ source: unknown }>("GET", "/v1/traffic/dev/pay");
    assert.equal(dev.status, 200, JSON.stringify(dev.body));
    assert.deepEqual(dev.body.source, { type: "prometheus", setting: "environments.dev.analysis.provider" });
    const qa = await api.call<{ source: { type: string; reason?: string } }>("GET", "/v1/traffic/qa/api");
    assert.equal(qa.status, 200, JSON.stringify(qa.body));
    assert.equal(qa.body.source.type, "none");
    assert.match(qa.body.source.reason ?? "", /of qa counts no requests itself, and analysis\.provider is the router/);
  });

  it("shows a Kubernetes user the Deployments and HTTPRoutes with kubectl get deploy,httproute", async () => {
    const table = await kube.kubectl.ok(["--context", "dev", "get", "deploy,httproute", "-n", "quikapp-dev"]);
    assert.match(table, /deployment\.apps\/api\s+3\/3\s+3\s+3/);
    assert.match(table, /deployment\.apps\/web-r1\s+1\/1/);
    assert.match(table, /httproute\.gateway\.networking\.k8s\.io\/api\s+\["localhost"\]/);
    assert.match(table, /httproute\.gateway\.networking\.k8s\.io\/web\b/);
    // What `quikship render` renders, applied: the revision's ConfigMap and the shared objects.
    const rendered = await kube.kubectl.ok([
      "--context",
      "dev",
      "get",
      "configmap,serviceaccount,networkpolicy,service",
    ]);
    assert.match(rendered, /configmap\/api-config-r3\b/);
    assert.match(rendered, /serviceaccount\/api\b/);
    assert.match(rendered, /networkpolicy\.networking\.k8s\.io\/api\b/);
    assert.match(rendered, /service\/api\s/);
  });
});

/** The backends of a service's weighted HTTPRoute rule, as kubectl reads them: `NAME=WEIGHT,...`. */
async function routeTo(service: string): Promise<string> {
  const route = await kube.kubectl.json<{
    spec: {
      parentRefs?: unknown[];
      rules: {
        matches?: { headers?: unknown[] }[];
        filters?: unknown[];
        backendRefs: { name: string; weight: number }[];
      }[];
    };
  }>(["--context", "dev", "get", "httproute", service]);
  assert.deepEqual(route.spec.parentRefs, [
    { group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" },
  ]);
  const main = route.spec.rules.find((r) => !r.matches?.some((m) => m.headers))!;
  assert.deepEqual(main.matches, [{ path: { type: "PathPrefix", value: `/${service}` } }]);
  assert.deepEqual(main.filters?.[0], {
    type: "URLRewrite",
    urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } },
  });
  return main.backendRefs.map((b) => `${b.name}=${b.weight}`).join(",");
}
