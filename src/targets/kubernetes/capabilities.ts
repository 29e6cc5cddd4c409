import type { Environment, Service } from "../../config/types.js";
import type { TargetCapabilities } from "../target.js";

/**
 * The kubernetes target keeps its pods' logs; its canary guard is the engine's, not the data
 * plane's; it counts no requests (the cluster's gateway does, read through Prometheus).
 */
export const KUBERNETES_CAPABILITIES: TargetCapabilities = {
  hasDataPlaneGuard: false,
  keepsLogs: true,
  countsTraffic: false,
};

/** Whether a service rolls (its own strategy, else the environment's, is rolling): then it runs as one Deployment (rolling.ts). */
export function rollsOut(environment: Environment, service: Service): boolean {
  return (service.strategy ?? environment.strategy).type === "rolling";
}
