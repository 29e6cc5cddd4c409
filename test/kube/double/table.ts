/**
 * Test double of the Kubernetes API — server-side printing (`meta.k8s.io/v1 Table`).
 *
 * API reference: "API Concepts › Receiving resources as Tables": a client that asks with
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` gets column definitions and one row per
 * object (cells plus the object). The columns are those `kubectl get` shows for each kind; other
 * kinds get NAME and AGE. Ages are computed from the double's clock.
 */
import { isObject } from "./fieldset.js";
import type { ResourceType } from "./resources.js";
import { meta } from "./store.js";

type Obj = Record<string, unknown>;
type Column = [name: string, cell: (o: Obj) => string | number];

export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? "").split(",")[0]?.includes("as=Table") === true;
}

/** kubectl's short durations: 45s, 5m10s, 3h, 2d4h. */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ""}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 8 && h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

function at(o: unknown, ...path: string[]): unknown {
  let node = o;
  for (const p of path) node = isObject(node) ? node[p] : undefined;
  return node;
}

const n = (o: Obj, ...path: string[]): number => Number(at(o, ...path) ?? 0);

function podStatus(o: Obj): string {
  const statuses = (at(o, "status", "containerStatuses") ?? []) as Obj[];
  const waiting = statuses.map((s) => at(s, "state", "waiting", "reason")).find((r) => typeof r === "string");
  const phase = at(o, "status", "phase");
  return typeof waiting === "string" ? waiting : typeof phase === "string" ? phase : "Pending";
}

function columns(r: ResourceType): Column[] {
  const statuses = (o: Obj): Obj[] => (at(o, "status", "containerStatuses") ?? []) as Obj[];
  switch (r.kind) {
    case "Deployment":
      return [
        ["Ready", (o) => `${n(o, "status", "readyReplicas")}/${n(o, "spec", "replicas")}`],
        ["Up-to-date", (o) => n(o, "status", "updatedReplicas")],
        ["Available", (o) => n(o, "status", "availableReplicas")],
      ];
    case "ReplicaSet":
      return [
        ["Desired", (o) => n(o, "spec", "replicas")],
        ["Current", (o) => n(o, "status", "replicas")],
        ["Ready", (o) => n(o, "status", "readyReplicas")],
      ];
    case "Pod":
      return [
        [
          "Ready",
          (o) =>
            `${statuses(o).filter((s) => s.ready === true).length}/${((at(o, "spec", "containers") ?? []) as Obj[]).length}`,
        ],
        ["Status", podStatus],
        ["Restarts", (o) => statuses(o).reduce((sum, s) => sum + Number(s.restartCount ?? 0), 0)],
      ];
    case "HTTPRoute":
      return [["Hostnames", (o) => JSON.stringify(at(o, "spec", "hostnames") ?? [])]];
    default:
      return [];
  }
}

/** A Table of `items` with kubectl's columns for the kind, ages at `nowMs`. */
export function table(r: ResourceType, items: Obj[], resourceVersion: string, nowMs: number): object {
  const cols: Column[] = [
    ["Name", (o) => String(meta(o).name)],
    ...columns(r),
    ["Age", (o) => age(nowMs - Date.parse(String(meta(o).creationTimestamp)))],
  ];
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: cols.map(([name], i) => ({
      name,
      type: name === "Name" || name === "Age" || name === "Ready" || name === "Status" ? "string" : "integer",
      format: i === 0 ? "name" : "",
      description: "",
      priority: 0,
    })),
    rows: items.map((o) => ({ cells: cols.map(([, cell]) => cell(o)), object: o })),
  };
}
