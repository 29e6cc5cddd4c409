import type { Kustomization } from "./types.js";

type Options = Omit<Kustomization, "apiVersion" | "kind">;

/** A kustomization.yaml value; empty lists are left out so the files stay short. */
export function kustomization(options: Options): Kustomization {
  const k: Kustomization = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [] };
  if (options.namespace !== undefined) k.namespace = options.namespace;
  k.resources = options.resources;
  if (options.labels?.length) k.labels = options.labels;
  if (options.images?.length) k.images = options.images;
  if (options.replicas?.length) k.replicas = options.replicas;
  if (options.patches?.length) k.patches = options.patches;
  return k;
}

/** Labels added to objects and pod templates, never to selectors (a Deployment's selector cannot change). */
export function labels(pairs: Record<string, string>): NonNullable<Kustomization["labels"]> {
  return [{ pairs, includeSelectors: false, includeTemplates: true }];
}
