import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { KubeDouble } from "./double/index.js";
import { GatewayListener } from "./double/gateway.js";
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

/** The status code and the answering pod of `curl` to the Gateway. */
async function curl(path: string, headers: string[] = [], host?: string): Promise<string> {
  const args = ["-s", "-o", "/dev/null", "-w", "%{http_code} %header{x-pod}", ...headers.flatMap((h) => ["-H", h])];
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
