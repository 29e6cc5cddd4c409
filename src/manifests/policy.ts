import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyIngressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule";
import type { Platform, Service } from "../config/types.js";
import { NAME_LABEL } from "./names.js";

/** The services admitted to a service: those whose dependsOn names it, and its allowFrom; sorted. */
export function admittedServices(platform: Platform, service: Service): string[] {
  const dependents = Object.values(platform.services)
    .filter((s) => s.dependsOn.includes(service.name))
    .map((s) => s.name);
  return [...new Set([...dependents, ...service.kubernetes.allowFrom])].sort();
}

/**
 * Ingress to the service's port from its dependents only (or from anywhere when it is public);
 * every other ingress to its pods is denied. Egress is left open: the platform does not declare it.
 */
export function networkPolicy(platform: Platform, service: Service): INetworkPolicy {
  const admitted = admittedServices(platform, service);
  const ports = [{ port: "http", protocol: "TCP" as const }];
  const ingress: INetworkPolicyIngressRule[] = service.kubernetes.public
    ? [{ ports }]
    : admitted.length === 0
      ? []
      : [
          {
            from: [{ podSelector: { matchExpressions: [{ key: NAME_LABEL, operator: "In", values: admitted }] } }],
            ports,
          },
        ];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: service.name, labels: { [NAME_LABEL]: service.name } },
    spec: {
      podSelector: { matchLabels: { [NAME_LABEL]: service.name } },
      policyTypes: ["Ingress"],
      ingress,
    },
  };
}
