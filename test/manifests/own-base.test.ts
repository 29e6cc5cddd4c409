import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { load } from "js-yaml";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { kustomizeBuild } from "../../src/manifests/build.js";
import { renderEnvironment } from "../../src/manifests/render.js";
import { writeTree } from "../../src/manifests/tree.js";
import { removeTrees, writeTree as writeFiles } from "../config/support.js";
import type { Built } from "./support.js";
import { parseStream, requireKubectl, tempDir, removeTempDirs, validateObject } from "./support.js";

after(removeTrees);
after(removeTempDirs);

// A team's own manifests in its repository: a Deployment and Service of other names, a container
// named "app", and a Job quikship knows nothing about.
const TEAM_BASE = {
  "repo/deploy/base/kustomization.yaml": "resources: [deployment.yaml, service.yaml, job.yaml]\n",
  "repo/deploy/base/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: billing-api}
spec:
  replicas: 1
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
      - name: app
        image: registry.example/billing
        resources: {requests: {cpu: 10m}}
      - name: sidecar
        image: registry.example/proxy:1.0
`,
  "repo/deploy/base/service.yaml": `apiVersion: v1
kind: Service
metadata: {name: billing}
spec: {selector: {app: billing}, ports: [{port: 80, targetPort: 8080}]}
`,
  "repo/deploy/base/job.yaml": `apiVersion: batch/v1
kind: Job
metadata: {name: billing-migrate}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: migrate, image: registry.example/billing-migrate:1}]}}}
`,
  "platform/quikship.yaml": `version: 1
name: shop
registry: { server: registry.example }
stacks:
  go: { port: 8080, healthPath: /health }
tiers:
  prod: { replicas: { min: 4, max: 6 }, resources: { cpuRequest: 250m, memoryLimit: 1Gi }, hpa: { cpuTargetUtilization: 70 }, pdb: { enabled: true } }
services:
  billing:
    stack: go
    kubernetes: { base: ../repo/deploy/base, deployment: billing-api, container: app }
    variables: { token: { secret: "keyvault:PROD-BILLING-TOKEN" } }
  cart:
    stack: go
environments:
  prod: { tier: prod, namespace: shop, vault: kv-shop }
`,
};

describe("a service with its own Kustomize base", () => {
  let dir: string;
  let root: string;
  let built: Built[];
  before(() => {
    requireKubectl();
    dir = writeFiles(TEAM_BASE);
    root = tempDir();
    const platform = loadPlatformOrThrow(join(dir, "platform")).platform;
    writeTree(root, renderEnvironment(platform, "prod", { root, defaultTag: "2.4.0" }));
    built = parseStream(kustomizeBuild(join(root, "overlays/prod")));
  });
  const find = (kind: string, name: string): Built | undefined =>
    built.find((o) => o.kind === kind && o.metadata.name === name);

  it("renders only the overlay's patches for it: no base of its own, no ConfigMap, ExternalSecret, HPA or PDB", () => {
    const overlay = load(readFileSync(join(root, "overlays/prod/billing/kustomization.yaml"), "utf8")) as Record<
      string,
      unknown
    >;
    // The team's base, relative to the overlay, so the tree can move with it.
    assert.deepEqual(overlay.resources, [relative(join(root, "overlays/prod/billing"), join(dir, "repo/deploy/base"))]);
    assert.deepEqual(Object.keys(overlay).sort(), [
      "apiVersion",
      "images",
      "kind",
      "labels",
      "patches",
      "replicas",
      "resources",
    ]);
    const billing = built.filter((o) => o.metadata.labels?.["app.kubernetes.io/instance"] === "billing-prod");
    assert.deepEqual(billing.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
      "Deployment/billing-api",
      "Job/billing-migrate",
      "Service/billing",
    ]);
    assert.equal(find("ConfigMap", "billing-config"), undefined);
    assert.equal(find("ExternalSecret", "billing-secrets"), undefined);
    assert.equal(find("HorizontalPodAutoscaler", "billing-hpa"), undefined);
    assert.equal(find("PodDisruptionBudget", "billing-pdb"), undefined);
  });

  it("patches its Deployment's image, replicas, resources, labels and namespace, and leaves the rest as the team wrote it", () => {
    const d = find("Deployment", "billing-api")!;
    validateObject(d);
    const spec = d.spec as {
      replicas: number;
      selector: unknown;
      template: { metadata: { labels: Record<string, string> }; spec: { containers: Record<string, unknown>[] } };
    };
    assert.equal(d.metadata.namespace, "shop");
    assert.equal(spec.replicas, 4);
    assert.deepEqual(spec.selector, { matchLabels: { app: "billing" } });
    const [app, sidecar] = spec.template.spec.containers;
    assert.equal(app!.image, "registry.example/billing:2.4.0");
    assert.deepEqual(app!.resources, { requests: { cpu: "250m" }, limits: { memory: "1Gi" } });
    assert.deepEqual(sidecar, { name: "sidecar", image: "registry.example/proxy:1.0" });
    assert.equal(spec.template.metadata.labels["app.kubernetes.io/version"], "2.4.0");
    assert.equal(find("Job", "billing-migrate")!.metadata.namespace, "shop");
  });

  it("renders the other services in full beside it", () => {
    for (const [kind, name] of [
      ["Deployment", "cart"],
      ["ConfigMap", "cart-config"],
      ["HorizontalPodAutoscaler", "cart-hpa"],
      ["PodDisruptionBudget", "cart-pdb"],
    ] as const)
      assert.ok(find(kind, name), `${kind} ${name}`);
  });
});
