import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

/** A built object, as kustomize prints it. */
export interface Built {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

/**
 * The real kustomize, inside kubectl. Its absence fails the suite loudly: these tests exist to
 * check the manifests with it, and CI cannot install it.
 */
export function requireKubectl(): void {
  const result = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  if (result.error || result.status !== 0)
    throw new Error(
      "kubectl (with its built-in kustomize) is required by the manifest tests and was not found on PATH: install kubectl",
    );
}

/** `kubectl kustomize DIR`, without blocking: the eight overlays build side by side. */
export function buildOverlay(dir: string): Promise<string> {
  return new Promise((done, fail) =>
    execFile("kubectl", ["kustomize", dir], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? fail(new Error(`kubectl kustomize ${dir} failed: ${stderr}`, { cause: error })) : done(stdout),
    ),
  );
}

export function parseStream(yaml: string): Built[] {
  return loadAll(yaml).filter((d): d is Built => d !== null && typeof d === "object");
}

/** Each kind's model: kubernetes-models' OpenAPI schemas, and the external-secrets CRD's. */
const MODELS: Record<string, (o: Built) => { validate(): void }> = {
  "apps/v1/Deployment": (o) => new Deployment(o as never),
  "v1/Service": (o) => new Service(o),
  "v1/ServiceAccount": (o) => new ServiceAccount(o),
  "v1/ConfigMap": (o) => new ConfigMap(o),
  "autoscaling/v2/HorizontalPodAutoscaler": (o) => new HorizontalPodAutoscaler(o as never),
  "policy/v1/PodDisruptionBudget": (o) => new PodDisruptionBudget(o),
  "networking.k8s.io/v1/NetworkPolicy": (o) => new NetworkPolicy(o as never),
  // external-secrets.io/v1 is v1beta1 promoted with the same schema for every field rendered
  // (secretStoreRef, target, data[].remoteRef, refreshInterval); the installed models stop at v1beta1.
  "external-secrets.io/v1/ExternalSecret": (o) =>
    new ExternalSecret({ ...o, apiVersion: "external-secrets.io/v1beta1" } as never),
};

/** Validates an object against its kind's schema; throws naming the object on a mismatch or an unknown kind. */
export function validateObject(o: Built): void {
  const model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!model) throw new Error(`no schema for ${o.apiVersion} ${o.kind} (${o.metadata?.name})`);
  try {
    model(o).validate();
  } catch (error) {
    throw new Error(`${o.kind} ${o.metadata.name} does not validate: ${(error as Error).message}`, { cause: error });
  }
}

const dirs: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "quikship-manifests-"));
  dirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
