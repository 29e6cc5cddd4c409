/**
 * Test double of the Kubernetes API — the OpenAPI v3 documents kubectl reads.
 *
 * API reference: "Kubernetes API › OpenAPI V3" (`/openapi/v3` lists one document per group
 * version, each fetched at its `serverRelativeURL`). kubectl 1.32 reads them before an apply to
 * learn whether the server validates fields itself (the `fieldValidation` parameter of the PATCH
 * operation); when it does, kubectl sends `fieldValidation=Strict` and does no schema validation
 * of its own. The double serves the paths and operations, with open object schemas: it accepts
 * any field (it does not implement strict field validation).
 */
import type { ResourceType } from "./resources.js";
import { RESOURCES, groupVersion } from "./resources.js";

function prefix(gv: string): string {
  return gv.includes("/") ? `apis/${gv}` : `api/${gv}`;
}

export function openApiIndex(): object {
  const paths: Record<string, object> = {};
  for (const gv of new Set(RESOURCES.map(groupVersion))) {
    paths[prefix(gv)] = { serverRelativeURL: `/openapi/v3/${prefix(gv)}?hash=double` };
  }
  return { paths };
}

const PARAM = (name: string, where = "query"): object => ({ name, in: where, schema: { type: "string" } });
const WRITE_PARAMS = ["dryRun", "fieldManager", "fieldValidation"].map((n) => PARAM(n));

function gvk(r: ResourceType): object[] {
  return [{ group: r.group, version: r.version, kind: r.kind }];
}

function operations(r: ResourceType, item: boolean): object {
  const ref = { $ref: `#/components/schemas/${schemaName(r)}` };
  const body = { content: { "application/json": { schema: ref } } };
  const ok = { "200": { description: "OK", content: { "application/json": { schema: ref } } } };
  const ext = { "x-kubernetes-group-version-kind": gvk(r)[0] };
  if (!item)
    return {
      get: { ...ext, responses: ok },
      post: { ...ext, parameters: WRITE_PARAMS, requestBody: body, responses: ok },
    };
  const patchBody = {
    content: Object.fromEntries(
      [
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
      ].map((t) => [t, { schema: { type: "object" } }]),
    ),
  };
  return {
    get: { ...ext, responses: ok },
    put: { ...ext, parameters: WRITE_PARAMS, requestBody: body, responses: ok },
    patch: { ...ext, parameters: [...WRITE_PARAMS, PARAM("force")], requestBody: patchBody, responses: ok },
    delete: { ...ext, parameters: [PARAM("dryRun")], responses: ok },
  };
}

function schemaName(r: ResourceType): string {
  const group = r.group ? r.group.split(".").reverse().join(".") : "io.k8s.api.core";
  return `${group}.${r.version}.${r.kind}`;
}

/** The document of one group version (`api/v1`, `apis/apps/v1`), or undefined. */
export function openApiDocument(path: string): object | undefined {
  const types = RESOURCES.filter((r) => prefix(groupVersion(r)) === path);
  if (types.length === 0) return undefined;
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = {};
  for (const r of types) {
    const base = `/${path}${r.namespaced ? "/namespaces/{namespace}" : ""}/${r.name}`;
    paths[base] = operations(r, false);
    paths[`${base}/{name}`] = operations(r, true);
    schemas[schemaName(r)] = {
      type: "object",
      "x-kubernetes-group-version-kind": gvk(r),
      additionalProperties: true,
      properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } },
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes (test double)", version: "v1.32.0" },
    paths,
    components: { schemas },
  };
}
