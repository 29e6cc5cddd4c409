import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { renderEnvironment } from "../../src/manifests/render.js";
import { writeTree } from "../../src/manifests/tree.js";
import type { Built } from "./support.js";
import { buildOverlay, parseStream, removeTempDirs, requireKubectl, tempDir, validateObject } from "./support.js";

after(removeTempDirs);

describe("the QuikApp platform rendered as one Kustomize tree and built by the real kustomize", () => {
  let platform: Platform;
  const built = new Map<string, Built[]>();

  // Rendered once into one tree (the eight overlays share the bases), then each overlay built once.
  before(async () => {
    requireKubectl();
    platform = loadPlatformOrThrow("examples/quikapp").platform;
    const root = tempDir();
    for (const env of platform.ladder)
      writeTree(root, renderEnvironment(platform, env, { root, defaultTag: "v1.2.3" }));
    const streams = await Promise.all(platform.ladder.map((env) => buildOverlay(`${root}/overlays/${env}`)));
    platform.ladder.forEach((env, i) => built.set(env, parseStream(streams[i]!)));
  });

  const ofKind = (env: string, kind: string): Built[] => (built.get(env) ?? []).filter((o) => o.kind === kind);
  const names = (objects: Built[]): string[] => objects.map((o) => o.metadata.name).sort();

  it("builds every overlay, each with a Deployment, Service and ServiceAccount for all 33 services", () => {
    assert.deepEqual([...built.keys()], ["local", "dev", "qa", "uat1", "uat2", "uat3", "staging", "live"]);
    const services = Object.keys(platform.services).sort();
    assert.equal(services.length, 33);
    for (const env of built.keys()) {
      assert.deepEqual(names(ofKind(env, "Deployment")), services, env);
      assert.deepEqual(names(ofKind(env, "Service")), services, env);
      assert.deepEqual(names(ofKind(env, "ServiceAccount")), services, env);
      assert.deepEqual(names(ofKind(env, "NetworkPolicy")), services, env);
    }
  });

  it("validates every object of every environment against the Kubernetes and external-secrets schemas", () => {
    let count = 0;
    for (const objects of built.values())
      for (const o of objects) {
        validateObject(o);
        count++;
      }
    assert.ok(count > 8 * 33 * 6, `only ${count} objects`);
  });

  it("would catch an invalid object: the schemas reject a port that is no number and a vault entry without its key", () => {
    const deployment = structuredClone(ofKind("live", "Deployment")[0]!) as Built & {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    const container = deployment.spec.template.spec.containers[0]!;
    container.ports[0]!.containerPort = "eighty";
    assert.throws(() => validateObject(deployment), /does not validate/);
    const secret = structuredClone(ofKind("live", "ExternalSecret")[0]!);
    delete (secret.spec as { data: { remoteRef: { key?: string } }[] }).data[0]!.remoteRef.key;
    assert.throws(() => validateObject(secret), /does not validate/);
  });

  it("gives live an HPA, a PDB and an ExternalSecret per service, all in namespace quikapp", () => {
    const services = Object.keys(platform.services).sort();
    assert.deepEqual(
      names(ofKind("live", "HorizontalPodAutoscaler")),
      services.map((s) => `${s}-hpa`),
    );
    assert.deepEqual(
      names(ofKind("live", "PodDisruptionBudget")),
      services.map((s) => `${s}-pdb`),
    );
    assert.deepEqual(
      names(ofKind("live", "ExternalSecret")),
      services.map((s) => `${s}-secrets`),
    );
    assert.deepEqual(new Set(built.get("live")!.map((o) => o.metadata.namespace)), new Set(["quikapp"]));
    const hpa = ofKind("live", "HorizontalPodAutoscaler")[0]!.spec as { minReplicas: number; maxReplicas: number };
    assert.deepEqual([hpa.minReplicas, hpa.maxReplicas], [5, 10]);
  });

  it("gives dev no PDB, and HPAs bounded by dev's replicas in namespace quikapp-dev", () => {
    assert.equal(ofKind("dev", "PodDisruptionBudget").length, 0);
    assert.equal(ofKind("staging", "PodDisruptionBudget").length, 0);
    const hpa = ofKind("dev", "HorizontalPodAutoscaler").find((o) => o.metadata.name === "auth-service-hpa")!;
    const spec = hpa.spec as { minReplicas: number; maxReplicas: number; metrics: unknown[] };
    assert.deepEqual([spec.minReplicas, spec.maxReplicas], [1, 2]);
    assert.deepEqual(spec.metrics, [
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
    ]);
    assert.deepEqual(new Set(built.get("dev")!.map((o) => o.metadata.namespace)), new Set(["quikapp-dev"]));
  });

  it("names each secret's key in the environment's vault, never a value", () => {
    const secret = ofKind("live", "ExternalSecret").find((o) => o.metadata.name === "auth-service-secrets")!;
    const spec = secret.spec as {
      secretStoreRef: { kind: string; name: string };
      data: { secretKey: string; remoteRef: { key: string } }[];
    };
    assert.deepEqual(spec.secretStoreRef, { kind: "ClusterSecretStore", name: "kv-quikapp" });
    const byKey = Object.fromEntries(spec.data.map((d) => [d.secretKey, d.remoteRef.key]));
    assert.equal(byKey.mongodbUri, "PROD-MONGODB-URI");
    assert.equal(byKey.jwtSecret, "PROD-JWT-SECRET");
    const config = ofKind("live", "ConfigMap").find((o) => o.metadata.name === "auth-service-config")!;
    assert.equal(config.data?.environment, "live");
    assert.equal(config.data?.springProfile, "live");
    assert.ok(!("mongodbUri" in (config.data ?? {})), "a secret variable in the ConfigMap");
    // local's secrets are env: references, resolved on the quikship server only: no ExternalSecret.
    assert.equal(ofKind("local", "ExternalSecret").length, 0);
  });

  it("runs the image tag non-root with probes on the health path, resources, labels and the platform's annotations", () => {
    const d = ofKind("live", "Deployment").find((o) => o.metadata.name === "auth-service")!;
    const spec = d.spec as {
      replicas: number;
      template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: PodSpec };
    };
    const container = spec.template.spec.containers[0]!;
    assert.equal(container.image, "quikapp.azurecr.io/auth-service:v1.2.3");
    assert.equal(spec.replicas, 5);
    assert.deepEqual(container.readinessProbe.httpGet, { path: "/actuator/health", port: "http" });
    assert.equal(container.ports[0]!.containerPort, 8080);
    assert.deepEqual(container.resources, { requests: { cpu: "200m", memory: "512Mi" } });
    assert.equal(spec.template.spec.securityContext.runAsNonRoot, true);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.deepEqual(spec.template.spec.imagePullSecrets, [{ name: "acr-pull-secret" }]);
    assert.equal(spec.template.metadata.labels["app.kubernetes.io/version"], "v1.2.3");
    assert.ok(spec.template.metadata.annotations["quikship.io/config-digest"]);
    assert.equal(spec.template.metadata.annotations["quikship.io/platform-digest"], undefined);
    assert.equal(d.metadata.labels?.["app.kubernetes.io/part-of"], "quikapp");
    assert.match(d.metadata.annotations?.["quikship.io/platform-digest"] ?? "", /^sha256:[0-9a-f]{64}$/);
    const elixir = ofKind("live", "Deployment").find((o) => o.metadata.name === "presence-service")!;
    const elixirContainer = (elixir.spec as { template: { spec: PodSpec } }).template.spec.containers[0]!;
    assert.equal(elixirContainer.securityContext.readOnlyRootFilesystem, false);
  });

  it("admits to each service only its dependents and the gateway, and to the gateway any source", () => {
    const policy = (name: string) =>
      ofKind("live", "NetworkPolicy").find((o) => o.metadata.name === name)!.spec as {
        ingress: { from?: { podSelector: { matchExpressions: { values: string[] }[] } }[] }[];
      };
    const admitted = policy("presence-service").ingress[0]!.from![0]!.podSelector.matchExpressions[0]!.values;
    assert.deepEqual(admitted, ["backend-gateway", "call-service", "elixir-realtime", "realtime-service"]);
    assert.equal(policy("backend-gateway").ingress[0]!.from, undefined);
  });

  it("renders the same bytes from the same platform", () => {
    const a = renderEnvironment(platform, "live", { root: "/x", defaultTag: "v1" });
    const b = renderEnvironment(loadPlatformOrThrow("examples/quikapp").platform, "prod", {
      root: "/x",
      defaultTag: "v1",
    });
    assert.deepEqual(a.files, b.files);
  });
});

interface PodSpec {
  securityContext: { runAsNonRoot: boolean };
  imagePullSecrets: { name: string }[];
  containers: {
    image: string;
    ports: { containerPort: number }[];
    readinessProbe: { httpGet: unknown };
    resources: unknown;
    securityContext: { readOnlyRootFilesystem: boolean };
  }[];
}
