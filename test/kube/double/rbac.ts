/**
 * Test double of the Kubernetes API — denied requests, as RBAC answers them.
 *
 * The double evaluates no Roles: a test names the requests to refuse (`double.deny(...)`). The
 * answer follows "Authorization › Review your request attributes" and the API server's Forbidden
 * Status: 403, reason `Forbidden`, and the message
 * `deployments.apps "web" is forbidden: User "U" cannot patch resource "deployments" in API group
 * "apps" in the namespace "NS"` (no name for collection verbs; "at the cluster scope" for
 * cluster-scoped requests).
 */
import type { ResourceType } from "./resources.js";
import { ApiStatusError } from "./status.js";

export interface Denial {
  verb: string;
  resource: string;
  namespace?: string;
}

/** The request verb of an HTTP request ("API Concepts › Request verbs"). */
export function verbOf(method: string, name: string | undefined, watch: boolean): string {
  if (method === "GET") return watch ? "watch" : name ? "get" : "list";
  const verbs: Record<string, string> = { POST: "create", PUT: "update", PATCH: "patch", DELETE: "delete" };
  return verbs[method] ?? method.toLowerCase();
}

export function forbidden(
  user: string,
  verb: string,
  r: ResourceType,
  ns: string | undefined,
  name: string | undefined,
  sub: string | undefined,
): ApiStatusError {
  const resource = sub ? `${r.name}/${sub}` : r.name;
  const qualified = r.group ? `${resource}.${r.group}` : resource;
  const subject = name ? `${qualified} "${name}"` : qualified;
  const scope = ns ? `in the namespace "${ns}"` : "at the cluster scope";
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${scope}`;
  return new ApiStatusError(403, "Forbidden", message, { name, group: r.group, kind: resource });
}
