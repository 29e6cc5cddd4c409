import type { Service } from "../config/types.js";

/** The label every object of a service carries and every selector matches; it never changes. */
export const NAME_LABEL = "app.kubernetes.io/name";

/** Kubernetes objects' names of one service, shared by the base and the overlays. */
export function objectNames(service: Service): {
  deployment: string;
  container: string;
  config: string;
  secrets: string;
  hpa: string;
  pdb: string;
} {
  return {
    deployment: service.kubernetes.deployment,
    container: service.kubernetes.container,
    config: `${service.name}-config`,
    secrets: `${service.name}-secrets`,
    // The names the QuikApp runbooks use (`kubectl describe hpa backend-gateway-hpa`).
    hpa: `${service.name}-hpa`,
    pdb: `${service.name}-pdb`,
  };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Whether a string may be a label value (63 characters, alphanumeric at both ends). */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** An image tag as the OCI distribution spec allows it. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
