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
