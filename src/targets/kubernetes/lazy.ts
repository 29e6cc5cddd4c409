/**
 * The kubernetes target as the server holds it: a stand-in that loads the target's module
 * (and @kubernetes/client-node with it) only when an environment bound to it is asked for
 * something, so a server with no kubernetes environment never loads the client (src/targets/lazy.ts).
 */
import { LazyTarget } from "../lazy.js";
import { trafficSplit } from "../traffic-split.js";
import { KUBERNETES_CAPABILITIES, rollsOut } from "./capabilities.js";
import type { KubernetesTargetOptions } from "./index.js";

export function lazyKubernetesTarget(options: KubernetesTargetOptions): LazyTarget {
  return new LazyTarget({
    kind: "kubernetes",
    capabilities: KUBERNETES_CAPABILITIES,
    trafficSplit,
    // Without renderings the target never rolls a service out itself (KubernetesTarget.rollsOut).
    ...(options.manifests ? { rollsOut } : {}),
    load: async () => (await import("./index.js")).kubernetesTarget(options),
  });
}
