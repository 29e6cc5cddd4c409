/**
 * What applying would change, asked of the cluster itself: a server-side dry run of each object
 * (defaults, admission and the other managers' fields included) compared with the live object.
 * Nothing is stored. The comparison leaves out what the server owns (status, resourceVersion,
 * generation, managedFields, uid, timestamps).
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { ClusterConnection } from "./connection.js";

export interface ObjectChange {
  kind: string;
  namespace: string | undefined;
  name: string;
  change: "create" | "update" | "unchanged";
  /** The fields whose value would change, as paths: `.spec.template.spec.containers[0].image`. */
  fields: string[];
}

const SERVER_OWNED = new Set(["resourceVersion", "generation", "managedFields", "uid", "creationTimestamp"]);

function comparable(obj: KubernetesObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = obj as KubernetesObject & { status?: unknown };
  const kept = Object.fromEntries(Object.entries(metadata ?? {}).filter(([k]) => !SERVER_OWNED.has(k)));
  return { ...rest, metadata: kept };
}

/** The paths at which `a` and `b` differ (leaves, or a whole subtree added or removed). */
export function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => changedPaths(a[i], b[i], `${path}[${i}]`)).flat();
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], `${path}.${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || "."];
}

export async function dryRunDiff(c: ClusterConnection, objects: KubernetesObject[]): Promise<ObjectChange[]> {
  const changes: ObjectChange[] = [];
  for (const obj of objects) {
    const meta = { name: obj.metadata?.name ?? "", namespace: obj.metadata?.namespace };
    const live = await c.read({ apiVersion: obj.apiVersion ?? "", kind: obj.kind ?? "", metadata: meta });
    const [dry] = await c.apply([obj], { dryRun: true });
    const fields = live && dry ? changedPaths(comparable(live), comparable(dry)) : [];
    const change = !live ? "create" : fields.length > 0 ? "update" : "unchanged";
    changes.push({ kind: obj.kind ?? "", namespace: meta.namespace, name: meta.name, change, fields });
  }
  return changes;
}
