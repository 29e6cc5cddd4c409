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
