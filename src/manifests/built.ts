import type { Platform } from "../config/types.js";
import { InputError } from "../errors.js";
import { isKind } from "../kind.js";
import { findService } from "../platform/lookup.js";
import { documentOf } from "./serialize.js";
import { renderEnvironment } from "./render.js";
import type { Kustomization, RenderedFile, Rendering, RenderOptions } from "./types.js";

/** An object as `kubectl kustomize` prints it: what the Kubernetes target applies. */
export interface BuiltObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** One service's rendering in an environment: the tree's files and the objects they build to. */
export interface ServiceBuild {
  environment: string;
  service: string;
  tag: string;
  files: RenderedFile[];
  objects: BuiltObject[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A strategic-merge patch as kustomize applies the patches quikship renders: maps merged key by
 * key, lists of named items (containers) merged by name, other values replaced.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (isObject(target) && isObject(patch)) {
    const out: Json = { ...target };
    for (const [key, value] of Object.entries(patch)) out[key] = strategicMerge(target[key], value);
    return out;
  }
  if (Array.isArray(target) && Array.isArray(patch) && patch.every((p) => isObject(p) && typeof p.name === "string")) {
    const out: unknown[] = target.map((t: unknown) => t);
    for (const item of patch as Json[]) {
      const at = out.findIndex((t) => isObject(t) && t.name === item.name);
      if (at < 0) out.push(item);
      else out[at] = strategicMerge(out[at], item);
    }
    return out;
  }
  return structuredClone(patch);
}

/** A rendering's files by path. */
type Files = Map<string, RenderedFile>;

/** The files of a kustomization directory, and the kustomization itself. */
function kustomizationAt(files: Files, dir: string): Kustomization {
  const file = files.get(`${dir}/kustomization.yaml`);
  if (file === undefined) throw new InputError(`no kustomization.yaml in ${dir} of the rendering`);
  return documentOf(file) as Kustomization;
}

const templated = (o: BuiltObject): Json | undefined => {
  const template = isObject(o.spec) ? o.spec.template : undefined;
  return isObject(template) ? template : undefined;
};

/** What one kustomization does to the objects of its resources, in kustomize's order of transformers. */
function transform(k: Kustomization, dir: string, files: Files, objects: BuiltObject[]): BuiltObject[] {
  let out = objects;
  if (k.namespace !== undefined) out = out.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: k.namespace } }));
  for (const set of k.labels ?? []) {
    out = out.map((o) => {
      const next: BuiltObject = { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...set.pairs } } };
      const template = templated(next);
      if (set.includeTemplates && template) {
        const metadata = isObject(template.metadata) ? template.metadata : {};
        const labels = { ...(metadata.labels as Record<string, string> | undefined), ...set.pairs };
        next.spec = { ...(next.spec as Json), template: { ...template, metadata: { ...metadata, labels } } };
      }
      return next;
    });
  }
  for (const image of k.images ?? []) out = out.map((o) => retag(o, image.name, image.newTag, image.digest));
  for (const r of k.replicas ?? [])
    out = out.map((o) =>
      isKind(o, "Deployment") && o.metadata.name === r.name
        ? { ...o, spec: { ...(o.spec as Json), replicas: r.count } }
        : o,
    );
  for (const p of k.patches ?? []) {
    const file = files.get(`${dir}/${p.path}`);
    const patch = (file ? documentOf(file) : undefined) as BuiltObject;
    const matches = (o: BuiltObject): boolean =>
      p.target
        ? (!p.target.kind || isKind(o, p.target.kind)) &&
          (p.target.name === undefined || new RegExp(`^(?:${p.target.name})$`).test(o.metadata.name))
        : isKind(o, patch.kind) && o.metadata.name === patch.metadata.name;
    const { apiVersion: _a, kind: _k, ...body } = patch;
    const { name: _n, ...meta } = body.metadata;
    out = out.map((o) => (matches(o) ? (strategicMerge(o, { ...body, metadata: meta }) as BuiltObject) : o));
  }
  return out;
}

/** As kustomize's image transformer: a new tag and a digest together give `name:tag@digest`. */
function retag(o: BuiltObject, name: string, tag: string, digest: string | undefined): BuiltObject {
  const template = templated(o);
  const spec = template && isObject(template.spec) ? template.spec : undefined;
  if (!template || !spec || !Array.isArray(spec.containers)) return o;
  const containers = (spec.containers as Json[]).map((c) =>
    c.image === name || (typeof c.image === "string" && c.image.startsWith(`${name}:`))
      ? { ...c, image: `${name}:${tag}${digest ? `@${digest}` : ""}` }
      : c,
  );
  return { ...o, spec: { ...(o.spec as Json), template: { ...template, spec: { ...spec, containers } } } };
}

/** Builds a kustomization directory of the rendering the way `kubectl kustomize` does, for quikship's own bases. */
function buildDir(files: Files, dir: string): BuiltObject[] {
  const k = kustomizationAt(files, dir);
  const resources = k.resources.flatMap((r): BuiltObject[] => {
    const path = normalize(`${dir}/${r}`);
    if (files.has(`${path}/kustomization.yaml`)) return buildDir(files, path);
    const file = files.get(path);
    if (file === undefined) throw new InputError(`${dir}: resource ${r} is not part of the rendering`);
    return [documentOf(file) as BuiltObject];
  });
  return transform(k, dir, files, resources);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/"))
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  return parts.join("/");
}

/**
 * The objects of one service in an environment, built in process exactly as `kubectl kustomize
 * overlays/ENV` builds them from `quikship render ENV --services SERVICE --tag TAG` (a test holds
 * the two equal for every service of the QuikApp platform). A service with its own base needs the
 * real kustomize (`kustomizeBuild`); this refuses it.
 */
export function buildService(
  platform: Platform,
  envName: string,
  serviceName: string,
  tag: string,
  options: Pick<RenderOptions, "tfOutputs"> & { digest?: string | undefined } = {},
): ServiceBuild {
  const service = findService(platform, serviceName);
  if (!isKind(service.kubernetes.base, "rendered"))
    throw new InputError(`${service.name} has its own Kustomize base; it is built with kubectl kustomize`);
  const rendering = renderEnvironment(platform, envName, {
    ...(options.tfOutputs ? { tfOutputs: options.tfOutputs } : {}),
    services: [service.name],
    tags: { [service.name]: tag },
    ...(options.digest ? { digests: { [service.name]: options.digest } } : {}),
  });
  return {
    environment: rendering.environment,
    service: service.name,
    tag,
    files: rendering.files,
    objects: build(rendering),
  };
}

/** The objects of a rendering's environment overlay, built in process. */
export function build(rendering: Rendering): BuiltObject[] {
  const files: Files = new Map(rendering.files.map((f) => [f.path, f]));
  return buildDir(files, `overlays/${rendering.environment}`);
}
