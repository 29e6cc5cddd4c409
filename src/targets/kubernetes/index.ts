/**
 * The kubernetes target as the server builds it: one connection per environment, opened on the
 * environment's kubeconfig context the first time it is needed and kept, and the start-up check
 * (every environment's context exists, and its API server answers).
 */
import type { Environment } from "../../config/types.js";
import type { Clock } from "../../engine/clock.js";
import { InputError, QuikshipError } from "../../errors.js";
import { ClusterConnection } from "./connection.js";
import type { LoadedKubeConfig } from "./kubeconfig.js";
import type { ManifestSource } from "./manifests.js";
import { findKubeConfig } from "./kubeconfig.js";
import { KubernetesTarget } from "./target.js";

export interface KubernetesTargetOptions {
  /** `quikship server --kubeconfig`; else $KUBECONFIG, ~/.kube/config, the pod's service account. */
  kubeconfig: string | undefined;
  clock: Clock;
  /** How long the start-up check waits for each API server. */
  checkTimeoutMs?: number;
  /** The revisions' renderings (the server's: stored with each revision). */
  manifests?: ManifestSource;
  /**
   * How long a service's status is answered again without reading the cluster, unless quikship
   * wrote to it since (default 1 s): the engine asks every 250 ms while it waits on a rollout. The
   * namespace is watched, so this applies only while its watch is not synced.
   */
  statusReuseMs?: number;
}

/** No object of a service is read more than once a second while the engine waits on it. */
export const STATUS_REUSE_MS = 1_000;

/** A kubernetes target whose connections come from one kubeconfig (loaded on first use). */
export function kubernetesTarget(options: KubernetesTargetOptions): KubernetesTarget {
  let loaded: LoadedKubeConfig | undefined;
  const connections = new Map<string, ClusterConnection>();
  const connect = (environment: Environment): ClusterConnection => {
    const key = `${environment.name}\u0000${environment.cluster ?? ""}`;
    const known = connections.get(key);
    if (known) return known;
    loaded ??= findKubeConfig(options.kubeconfig);
    const opened = ClusterConnection.open(environment, loaded.config, loaded.inCluster);
    connections.set(key, opened);
    return opened;
  };
  const check = async (environments: Environment[]): Promise<string[]> => {
    if (environments.length === 0) return [];
    try {
      loaded ??= findKubeConfig(options.kubeconfig);
    } catch (error) {
      const names = environments.map((e) => `environments.${e.name}`).join(", ");
      throw new InputError(`${names} (target kubernetes): ${(error as Error).message}`, { cause: error });
    }
    const opened = environments.map((environment) => connect(environment));
    const answers = await Promise.all(
      opened.map((c) =>
        c.version(options.checkTimeoutMs ?? 5_000).then(
          () => undefined,
          (error: unknown) => (error instanceof QuikshipError ? error.message : String(error)),
        ),
      ),
    );
    return answers.filter((a): a is string => a !== undefined);
  };
  return new KubernetesTarget(connect, options.clock, check, options.manifests, {
    statusReuseMs: options.statusReuseMs ?? STATUS_REUSE_MS,
    watch: true,
  });
}
