import type { Environment, Platform, Service } from "../config/types.js";
import { InputError } from "../errors.js";
import { findEnvironment, findService } from "../platform/lookup.js";
import { platformDigest } from "./fingerprint.js";
import { kustomization, labels } from "./kustomization.js";
import { TAG_PATTERN } from "./names.js";
import { DIGEST } from "../registry/reference.js";
import { yamlFile } from "./serialize.js";
import { serviceBase, serviceOverlay } from "./service-tree.js";
import type { KubernetesObject, RenderedFile, Rendering, RenderOptions } from "./types.js";
import { isKind } from "../kind.js";

export type { Rendering, RenderOptions, RenderedFile, KubernetesObject } from "./types.js";

/**
 * The Kustomize tree of one environment: base/SERVICE/ for each selected service quikship renders
 * itself (the same in every environment, so trees of several environments share one base), and
 * overlays/ENV/. Pure: same platform and options, same files, byte for byte.
 */
export function renderEnvironment(platform: Platform, envName: string, options: RenderOptions = {}): Rendering {
  const env = findEnvironment(platform, envName);
  const services = selectServices(platform, options.services);
  const tags = tagsOf(services, options);
  const files: RenderedFile[] = [];
  const objects: KubernetesObject[] = [];
  const unrendered: string[] = [];
  const unresolved: string[] = [];
  for (const service of services) {
    if (isKind(service.kubernetes.base, "rendered")) {
      const base = serviceBase(platform, service);
      files.push(...base.files);
      objects.push(...base.objects);
    }
    const digest = options.digests?.[service.name];
    const overlay = serviceOverlay(platform, env, service, tags[service.name]!, { ...options, digest });
    files.push(...overlay.files);
    objects.push(...overlay.objects);
    for (const name of overlay.unrendered) unrendered.push(`${service.name}: ${name}`);
    for (const name of overlay.unresolved) unresolved.push(`${service.name}: ${name}`);
  }
  files.push(...environmentFiles(platform, env, services));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    environment: env.name,
    services: services.map((s) => s.name),
    files,
    objects,
    warnings: warnings(env, services, tags, unrendered, unresolved),
  };
}

function selectServices(platform: Platform, names: readonly string[] | undefined): Service[] {
  const chosen = names === undefined ? Object.values(platform.services) : names.map((n) => findService(platform, n));
  return [...new Map(chosen.map((s) => [s.name, s])).values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function tagsOf(services: readonly Service[], options: RenderOptions): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const service of services) {
    const tag = options.tags?.[service.name] ?? options.defaultTag ?? "latest";
    if (!TAG_PATTERN.test(tag))
      throw new InputError(
        `image tag "${tag}" of ${service.name} is not a valid tag (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')`,
        { details: { service: service.name, tag } },
      );
    tags[service.name] = tag;
    const digest = options.digests?.[service.name];
    if (digest !== undefined && !DIGEST.test(digest))
      throw new InputError(`image digest "${digest}" of ${service.name} is not a sha256 digest`, {
        details: { service: service.name, digest },
      });
  }
  return tags;
}

/** overlays/ENV/kustomization.yaml and the annotations every object of the environment carries. */
function environmentFiles(platform: Platform, env: Environment, services: readonly Service[]): RenderedFile[] {
  const dir = `overlays/${env.name}`;
  const annotations = {
    apiVersion: "v1",
    kind: "Annotations",
    metadata: {
      name: "every-object",
      annotations: {
        "quikship.io/environment": env.name,
        "quikship.io/platform": platform.name,
        "quikship.io/platform-digest": `sha256:${platformDigest(platform)}`,
      },
    },
  };
  const root = kustomization({
    namespace: env.namespace,
    resources: services.map((s) => s.name),
    labels: labels({ "app.kubernetes.io/part-of": platform.name, "app.kubernetes.io/managed-by": "quikship" }),
    // A patch of metadata only, to every object: annotations that never reach a pod template,
    // so a change elsewhere in the platform restarts nothing.
    patches: [{ path: "annotations.yaml", target: { name: ".*" } }],
  });
  return [yamlFile(`${dir}/kustomization.yaml`, root), yamlFile(`${dir}/annotations.yaml`, annotations)];
}

function warnings(
  env: Environment,
  services: readonly Service[],
  tags: Record<string, string>,
  unrendered: readonly string[],
  unresolved: readonly string[],
): string[] {
  const out: string[] = [];
  if (unresolved.length > 0)
    out.push(
      `${env.name}: ${unresolved.length} variable(s) are terraform outputs (tfoutput:ENV/NAME), rendered here as the reference, not the value: the kubernetes target puts in the value of the environment's last terraform apply when it deploys (first: ${unresolved[0]})`,
    );
  if (unrendered.length > 0)
    out.push(
      `${env.name}: ${unrendered.length} secret reference(s) resolve only on the quikship server's machine (env:, file:) and are not rendered; give them keyvault: or vault: references, or create the Secret SERVICE-secrets in namespace ${env.namespace} yourself (first: ${unrendered[0]})`,
    );
  const latest = services.filter((s) => tags[s.name] === "latest").length;
  if (env.tier === "prod" && latest > 0)
    out.push(`${env.name}: ${latest} service(s) use the mutable tag "latest" in production; pass --tag`);
  return out;
}
