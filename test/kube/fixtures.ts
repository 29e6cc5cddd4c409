/** Manifests the tests of the Kubernetes API test double apply, as YAML a user would write. */

export interface DeploymentFixture {
  name: string;
  image: string;
  replicas?: number;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  labels?: Record<string, string>;
}

export function deploymentYaml(d: DeploymentFixture): string {
  const labels = Object.entries(d.labels ?? {})
    .map(([k, v]) => `\n    ${k}: ${v}`)
    .join("");
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${d.name}
  labels:
    app.kubernetes.io/name: ${d.name}${labels}
spec:
  replicas: ${d.replicas ?? 2}
  minReadySeconds: ${d.minReadySeconds ?? 0}
  progressDeadlineSeconds: ${d.progressDeadlineSeconds ?? 600}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels: {app.kubernetes.io/name: ${d.name}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: ${d.name}}
    spec:
      containers:
        - name: app
          image: ${d.image}
          ports: [{containerPort: 8080, name: http}]
`;
}

/** The value at `path` in a parsed JSON document (undefined where the path does not exist). */
export function at(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  subresource?: string;
  fieldsV1: Record<string, unknown>;
}

export function managedFields(obj: unknown): ManagedFieldsEntry[] {
  return (at(obj, "metadata", "managedFields") ?? []) as ManagedFieldsEntry[];
}

export function entryOf(obj: unknown, manager: string, operation = "Apply"): ManagedFieldsEntry {
  const entry = managedFields(obj).find((e) => e.manager === manager && e.operation === operation);
  if (!entry) throw new Error(`no ${operation} entry for ${manager} in ${JSON.stringify(managedFields(obj))}`);
  return entry;
}

/** The field set a manager owns for the container `app` of a Deployment's template. */
export function appContainerFields(entry: ManagedFieldsEntry): unknown {
  return at(entry.fieldsV1, "f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"app"}');
}
