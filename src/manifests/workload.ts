import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { Platform, Service } from "../config/types.js";
import { NAME_LABEL, objectNames } from "./names.js";

/** Non-root user and group of every container, so runAsNonRoot holds for images that name their user. */
const RUN_AS = 10001;

/** The Deployment of a service, the same in every environment: what varies lives in the overlays. */
export function deployment(platform: Platform, service: Service): IDeployment {
  const names = objectNames(service);
  const selector = { [NAME_LABEL]: service.name };
  const probe = { httpGet: { path: service.healthPath, port: "http" } };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: names.deployment, labels: selector },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: selector },
        spec: {
          serviceAccountName: service.name,
          automountServiceAccountToken: false,
          ...(platform.registry?.pullSecret ? { imagePullSecrets: [{ name: platform.registry.pullSecret }] } : {}),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: names.container,
              image: service.image,
              ports: [{ name: "http", containerPort: service.port, protocol: "TCP" }],
              envFrom: [
                { configMapRef: { name: names.config } },
                // Absent in an environment without vault references.
                { secretRef: { name: names.secrets, optional: true } },
              ],
              // Slow starters (a JVM) get five minutes before liveness counts.
              startupProbe: { ...probe, periodSeconds: 5, failureThreshold: 60 },
              readinessProbe: { ...probe, periodSeconds: 5, failureThreshold: 3 },
              livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: service.kubernetes.readOnlyRootFilesystem,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  };
}

/** Port 80 in front of the container's port, so `http://SERVICE/health` works inside the namespace. */
export function service(service: Service): IService {
  const selector = { [NAME_LABEL]: service.name };
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: service.name, labels: selector },
    spec: {
      type: "ClusterIP",
      selector,
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    },
  };
}

export function serviceAccount(service: Service): IServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: service.name, labels: { [NAME_LABEL]: service.name } },
    automountServiceAccountToken: false,
  };
}
