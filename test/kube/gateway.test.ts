import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import type { Environment, Service } from "../../src/config/types.js";
import { route } from "../../src/targets/kubernetes/objects.js";
import { KubeDouble } from "./double/index.js";
import { GatewayListener, rewrite } from "./double/gateway.js";
import { Kubectl } from "./kubectl.js";

/**
 * The test double's Gateway answers real HTTP requests (the real curl) by the HTTPRoutes the real
 * kubectl applied: attached routes only, by hostname, path and header matches with the Gateway
 * API's precedence, backends by weight, answered by a ready pod.
 */
const run = promisify(execFile);
let double: KubeDouble;
let kubectl: Kubectl;
let gateway: GatewayListener;

const objects = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web-r1, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web, rev: "1" } }
  template:
    metadata: { labels: { app: web, rev: "1" } }
    spec: { containers: [{ name: web, image: "web:v1" }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web-r2, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web, rev: "2" } }
  template:
    metadata: { labels: { app: web, rev: "2" } }
    spec: { containers: [{ name: web, image: "web:v2-bad" }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-r1, namespace: shop }
spec: { selector: { app: web, rev: "1" }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-r2, namespace: shop }
spec: { selector: { app: web, rev: "2" }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-r3, namespace: shop }
spec: { selector: { app: web, rev: "3" }, ports: [{ port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: public, namespace: gateway }]
  hostnames: [localhost]
  rules:
    - matches: [{ headers: [{ name: x-quikship-preview, value: "1" }] }]
      backendRefs: [{ name: web-r2, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /down } }]
      backendRefs: [{ name: web-r3, port: 80 }]
    - backendRefs: [{ name: web-r1, port: 80, weight: 100 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: other, namespace: shop }
spec:
  hostnames: [elsewhere.test]
  rules: [{ backendRefs: [{ name: web-r2, port: 80 }] }]
`;

/** Two services of quikship's, `cart` (revisions 1 and 2) and `pay`, each with its own Deployment and Service. */
const services = [
  ["cart", "1", "cart:v1"],
  ["cart", "2", "cart:v2"],
  ["pay", "1", "pay:v1"],
]
  .map(
    ([app, rev, image]) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}-r${rev}, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${app}, rev: "${rev}" } }
  template:
    metadata: { labels: { app: ${app}, rev: "${rev}" } }
    spec: { containers: [{ name: ${app}, image: "${image}" }] }
---
apiVersion: v1
kind: Service
metadata: { name: ${app}-r${rev}, namespace: shop }
spec: { selector: { app: ${app}, rev: "${rev}" }, ports: [{ port: 80 }] }
`,
  )
  .join("---\n");

/** The status code and the answering pod of `curl` to the Gateway (with `format`, what curl writes out). */
async function curl(
  path: string,
  headers: string[] = [],
  host?: string,
  format = "%{http_code} %header{x-pod}",
): Promise<string> {
  const args = ["-s", "-o", "/dev/null", "-w", format, ...headers.flatMap((h) => ["-H", h])];
  if (host) args.push("-H", `Host: ${host}`);
  const { stdout } = await run("curl", [...args, `${gateway.url}${path}`]);
  return stdout.replace(/-[a-z0-9]+-[a-z0-9]+$/, "").trim();
}

before(async () => {
  double = await KubeDouble.start({ namespaces: ["shop"] });
  kubectl = new Kubectl(double, { shop: "shop" });
  await kubectl.ok(["apply", "--server-side", "-f", "-"], objects);
  gateway = new GatewayListener(double.cluster, { name: "public", namespace: "gateway" });
  await gateway.listen();
});
after(async () => {
  kubectl.dispose();
  await gateway.close();
  await double.close();
});

describe("the test double's Gateway", () => {
  it("sends a request matching the preview rule's header to its backend, and the rest by the weighted rule", async () => {
    assert.equal(await curl("/health"), "200 web-r1");
    assert.equal(await curl("/health", ["x-quikship-preview: 1"]), "500 web-r2", "a -bad pod fails its first request");
    assert.equal(await curl("/health", ["x-quikship-preview: 1"]), "200 web-r2");
  });

  it("answers 503 for a backend without a ready pod, 404 for a host only an unattached route names", async () => {
    assert.equal(await curl("/down/x"), "503", "the longer path match wins");
    assert.equal(await curl("/health", [], "elsewhere.test"), "404", "the route naming that host has no parentRefs");
  });
});

describe("the test double's Gateway rewriting paths (URLRewrite ReplacePrefixMatch)", () => {
  it("replaces the matched prefix as the Gateway API reference's examples do", () => {
    const prefix = (value: string) => ({ type: "PathPrefix", value });
    const to = (replacePrefixMatch: string) => [
      { type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch } } },
    ];
    for (const [match, path, replacement, sent] of [
      ["/foo", "/foo/bar", "/xyz", "/xyz/bar"],
      ["/foo", "/foo/bar", "/xyz/", "/xyz/bar"],
      ["/foo/", "/foo/bar", "/xyz", "/xyz/bar"],
      ["/foo", "/foo", "/xyz", "/xyz"],
      ["/foo/", "/foo", "/xyz", "/xyz"],
      ["/foo", "/foo/", "/xyz", "/xyz/"],
      ["/foo", "/foo/bar", "/", "/bar"],
      ["/foo", "/foo", "/", "/"],
      ["/foo", "/foo/", "/", "/"],
    ]) {
      assert.equal(rewrite(to(replacement!), prefix(match!), path!), sent, `${match} ${path} ${replacement}`);
    }
    assert.equal(rewrite([], prefix("/foo"), "/foo/bar"), "/foo/bar", "no filter: the path as asked");
  });
});

describe("quikship's HTTPRoutes of two services on one hostname, through the double's Gateway", () => {
  const environment = {
    name: "dev",
    namespace: "shop",
    url: "http://localhost",
    gateway: { name: "public", namespace: "gateway" },
  } as Environment;
  const service = (name: string) => ({ name, healthPath: "/health" }) as Service;

  before(async () => {
    const routes = [
      route(environment, service("cart"), {
        weights: { 1: 100 },
        preview: { revision: 2, mirrorPercent: 10 },
        guard: null,
      }),
      route(environment, service("pay"), { weights: { 1: 100 }, preview: null, guard: null }),
    ];
    await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      `${services}---\n${routes.map((r) => JSON.stringify(r)).join("\n---\n")}`,
    );
    double.advance(60_000);
  });

  it("sends each service its own traffic by its path prefix, the prefix stripped", async () => {
    const seen = "%{http_code} %header{x-pod} %header{x-path}";
    assert.equal(await curl("/cart/health", [], undefined, seen).then(pod), "200 cart-r1 /health");
    assert.equal(await curl("/pay/health", [], undefined, seen).then(pod), "200 pay-r1 /health");
    assert.equal(await curl("/pay/a/b?x=1", [], undefined, seen).then(pod), "200 pay-r1 /a/b");
    assert.equal(await curl("/cart", [], undefined, seen).then(pod), "200 cart-r1 /");
    assert.equal(
      await curl("/cartx/health", [], undefined, seen).then(pod),
      "200 web-r1 /cartx/health",
      "element-wise",
    );
  });

  it("sends the preview header to the previewed service's preview revision only", async () => {
    const seen = "%{http_code} %header{x-pod} %header{x-path}";
    const header = ["x-quikship-preview: 1"];
    assert.equal(await curl("/cart/health", header, undefined, seen).then(pod), "200 cart-r2 /health");
    assert.equal(
      await curl("/pay/health", header, undefined, seen).then(pod),
      "200 pay-r1 /health",
      "the longer path wins",
    );
  });
});

/** `CODE POD PATH` with the pod's generated suffix taken off its name. */
function pod(line: string): string {
  return line.replace(/(\S+)-[a-z0-9]+-[a-z0-9]+ /, "$1 ").trim();
}

describe("an HTTPRoute's weights", () => {
  it("are refused by the test double, as by the API server's schema, unless whole numbers from 0 to 1,000,000", async () => {
    const weighted = (weight: number) =>
      JSON.stringify({
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "thirds", namespace: "shop" },
        spec: { rules: [{ backendRefs: [{ name: "web-r1", port: 80, weight }] }] },
      });
    for (const [weight, says] of [
      [33.3, /spec.rules\[0\].backendRefs\[0\].weight in body must be of type integer/],
      [-1, /weight in body should be greater than or equal to 0/],
      [1_000_001, /weight in body should be less than or equal to 1000000/],
    ] as const) {
      const result = await kubectl.run(["apply", "--server-side", "-f", "-"], weighted(weight));
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, says);
    }
    const stored = await kubectl.run(["get", "httproute", "thirds"]);
    assert.match(stored.stderr, /NotFound|not found/, "nothing stored");
  });

  it("are written by quikship as whole percents that still add up to 100", async () => {
    const environment = { name: "dev", namespace: "shop" } as Environment;
    const thirds = route(environment, { name: "web" } as Service, {
      weights: { 1: 100 / 3, 2: 100 / 3, 3: 100 / 3 },
      preview: null,
      guard: null,
    });
    await kubectl.ok(["apply", "--server-side", "-f", "-"], JSON.stringify(thirds));
    const live = await kubectl.json<{ spec: { rules: { backendRefs: { name: string; weight: number }[] }[] } }>([
      "get",
      "httproute",
      "web",
    ]);
    const weights = Object.fromEntries(live.spec.rules[0]!.backendRefs.map((b) => [b.name, b.weight]));
    assert.deepEqual(weights, { "web-r1": 33, "web-r2": 33, "web-r3": 34 });
  });
});
