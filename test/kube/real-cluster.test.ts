/**
 * The end-to-end scenario of server-e2e.test.ts against a REAL cluster (kind, k3d, AKS) when
 * QUIKSHIP_TEST_KUBECONFIG names a kubeconfig (see docs/kubernetes.md, "Against a real cluster").
 * Without it, the same scenario runs against the Kubernetes API test double, so this file is run
 * on every machine and cannot drift from what the target does.
 *
 *   QUIKSHIP_TEST_KUBECONFIG=~/.kube/config   the kubeconfig (its current context unless…)
 *   QUIKSHIP_TEST_CONTEXT=kind-quikship       …a context is named
 *   QUIKSHIP_TEST_IMAGE=traefik/whoami        an image that answers HTTP on $WHOAMI_PORT_NUMBER at /health
 *   QUIKSHIP_TEST_TAGS=v1.10.1,v1.10.2        two of its tags
 *
 * It makes two namespaces of its own (quikship-e2e-dev-N, quikship-e2e-qa-N) and deletes them at
 * the end. A cluster has no Gateway or metrics for the canary's analysis here, so traffic is split
 * by replica ratio, and the canary aborted by analysis stays with the double's suite.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { V1Deployment } from "@kubernetes/client-node";
import { KubeConfig } from "@kubernetes/client-node";
import { systemClock } from "../../src/engine/clock.js";
import type { RunView } from "../../src/engine/types.js";
import { startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { KubeDouble } from "./double/index.js";
import { Kubectl } from "./kubectl.js";

const kubeconfig = process.env.QUIKSHIP_TEST_KUBECONFIG;

if (kubeconfig) {
  realCluster(kubeconfig);
} else {
  console.log(
    "QUIKSHIP_TEST_KUBECONFIG is not set: the scenario runs against the Kubernetes API test double (docs/kubernetes.md, 'Against a real cluster')",
  );
  const double = await KubeDouble.start({
    clock: systemClock,
    namespaces: ["default"],
    podStartMs: 500,
    reconcileEveryMs: 200,
  });
  const dir = mkdtempSync(join(tmpdir(), "quikship-real-cluster-double-"));
  const path = join(dir, "kubeconfig");
  writeFileSync(path, double.kubeconfig({ double: "default" }));
  after(async () => {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });
  realCluster(path, "double");
}

function realCluster(path: string, named = process.env.QUIKSHIP_TEST_CONTEXT): void {
  const config = new KubeConfig();
  config.loadFromFile(path);
  const context = named ?? config.getCurrentContext();
  const image = process.env.QUIKSHIP_TEST_IMAGE ?? "traefik/whoami";
  const [first, second] = (process.env.QUIKSHIP_TEST_TAGS ?? "v1.10.1,v1.10.2").split(",");
  const suffix = Date.now().toString(36);
  const ns = { dev: `quikship-e2e-dev-${suffix}`, qa: `quikship-e2e-qa-${suffix}` };
  const kubectl = new Kubectl({ kubeconfigPath: path });
  const k = (...args: string[]): Promise<string> => kubectl.ok(["--context", context, ...args]);
  let dir = "";
  let server: ServerProcess | undefined;

  // No metrics reach analysis on a bare cluster: a blue-green preview that served no requests goes on.
  const platform = `version: 1
name: quikapp
analysis: { judgement: { inconclusive: promote } }
stacks:
  node: { port: 3000, healthPath: /health }
services:
  api: { stack: node, image: ${image}, variables: { WHOAMI_PORT_NUMBER: "3000" } }
  web:
    stack: node
    image: ${image}
    variables: { WHOAMI_PORT_NUMBER: "3000" }
    strategy: { type: blue-green, previewAnalysis: 1s, postSwitchAnalysis: 1s, standby: 10m }
environments:
  dev: { tier: nonprod, target: kubernetes, registry: none, cluster: ${context}, namespace: ${ns.dev}, minReady: 0s, progressDeadline: 120s, replicas: { min: 1, max: 3 } }
  qa: { from: dev, tier: nonprod, target: kubernetes, registry: none, cluster: ${context}, namespace: ${ns.qa}, minReady: 0s, progressDeadline: 120s, replicas: { min: 2, max: 2 } }
`;

  async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const token = readFileSync(join(dir, "state", "admin.token"), "utf8").trim();
    const response = await fetch(`${server!.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  async function run(kind: string, services: string[], params: Record<string, unknown> = {}): Promise<RunView> {
    const submitted = await call<RunView>("POST", "/v1/runs", { kind, environment: "dev", services, params });
    const deadline = Date.now() + 5 * 60_000;
    for (;;) {
      const view = await call<RunView>("GET", `/v1/runs/${submitted.id}`);
      if (["succeeded", "failed", "cancelled"].includes(view.status)) return view;
      if (Date.now() > deadline) throw new Error(`run ${submitted.id} still ${view.status} after 5 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  const deployment = (namespace: string, name: string): Promise<V1Deployment> =>
    k("get", "deploy", name, "-n", namespace, "-o", "json").then((out) => JSON.parse(out) as V1Deployment);

  describe(`the kubernetes target end to end on a cluster (context ${context})`, () => {
    before(async () => {
      for (const name of Object.values(ns))
        await kubectl.ok(
          ["--context", context, "apply", "--server-side", "--field-manager=quikship-test", "-f", "-"],
          JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } }),
        );
      dir = mkdtempSync(join(tmpdir(), "quikship-real-cluster-"));
      writeFileSync(join(dir, "quikship.yaml"), platform);
      server = await startServerProcess([
        "--config",
        join(dir, "quikship.yaml"),
        "--state",
        join(dir, "state"),
        "--kubeconfig",
        path,
      ]);
    });
    after(async () => {
      server?.child.kill("SIGTERM");
      await server?.exited;
      await k("delete", "namespace", ns.dev, ns.qa, "--wait=false").catch(() => undefined);
      kubectl.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("deploys a tag that kubectl then sees rolled out in the environment's namespace", async () => {
      const deployed = await run("deploy", ["api"], { tag: first });
      assert.equal(deployed.status, "succeeded", JSON.stringify(deployed.error));
      // A rolling service is one Deployment, named after the service, rolled by its controller.
      const d = await deployment(ns.dev, "api");
      assert.equal(d.spec?.template.spec?.containers[0]?.image, `${image}:${first}`);
      assert.equal(d.status?.readyReplicas, 1);
    });

    it("promotes what dev runs to qa, at qa's size", async () => {
      const promoted = await run("promote", ["api"], { to: ["qa"], tag: first });
      assert.equal(promoted.status, "succeeded", JSON.stringify(promoted.error));
      assert.equal((await deployment(ns.qa, "api")).status?.readyReplicas, 2);
    });

    it("rolls a new tag out and rolls it back to the previous revision", async () => {
      assert.equal((await run("deploy", ["api"], { tag: second })).status, "succeeded");
      const back = await run("rollback", ["api"]);
      assert.equal(back.status, "succeeded", JSON.stringify(back.error));
      const names = await k("get", "deploy", "-n", ns.dev, "-o", "name", "-l", "app.kubernetes.io/name=api");
      assert.deepEqual(names.trim().split("\n"), ["deployment.apps/api"]);
      // A rollback is a new revision of the previous tag: revision 3 runs the first tag.
      const d = await deployment(ns.dev, "api");
      assert.equal(d.spec?.template.spec?.containers[0]?.image, `${image}:${first}`);
      assert.equal(d.spec?.template.metadata?.labels?.["quikship.io/revision"], "3");
    });

    it("restarts through the restartedAt annotation and scales the running revision", async () => {
      assert.equal((await run("restart", ["api"])).status, "succeeded");
      const restarted = await deployment(ns.dev, "api");
      assert.ok(restarted.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]);
      assert.equal((await run("scale", ["api"], { replicas: 3 })).status, "succeeded");
      const scaled = await deployment(ns.dev, "api");
      assert.deepEqual([scaled.spec?.replicas, scaled.status?.readyReplicas], [3, 3]);
    });

    it("switches a blue-green deploy by Service selector (no Gateway) and switches back on rollback", async () => {
      const selected = (): Promise<string> =>
        k("get", "svc", "web", "-n", ns.dev, "-o", "jsonpath={.spec.selector.quikship\\.io/revision}");
      assert.equal((await run("deploy", ["web"], { tag: first })).status, "succeeded");
      assert.equal(await selected(), "1");
      const green = await run("deploy", ["web"], { tag: second });
      assert.equal(green.status, "succeeded", JSON.stringify(green.error));
      assert.equal((await deployment(ns.dev, "web-r2")).status?.readyReplicas, 1);
      assert.equal(await selected(), "2");
      const back = await run("rollback", ["web"]);
      assert.equal(back.status, "succeeded", JSON.stringify(back.error));
      assert.equal((await deployment(ns.dev, "web-r1")).status?.readyReplicas, 1);
      assert.equal(await selected(), "1");
    });

    it("shows a Kubernetes user the Deployments and HTTPRoutes with kubectl get deploy,httproute", async () => {
      const table = await k("get", "deploy,httproute", "-n", ns.dev);
      assert.match(table, /deployment\.apps\/api\s+3\/3\s+3\s+3/);
      assert.match(table, /httproute\.gateway\.networking\.k8s\.io\/api\b/);
    });
  });
}
