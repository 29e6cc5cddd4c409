/**
 * A connection to the cluster of one environment: the kubeconfig context the environment names in
 * `cluster` (else the kubeconfig's current context, or the in-cluster service account when quikship
 * runs in a pod), and server-side apply as field manager `quikship`. Every failure is a
 * QuikshipError naming the environment and the context (see errors.ts).
 */
import { KubeConfig, KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Environment } from "../../config/types.js";
import { InputError } from "../../errors.js";
import type { ClusterAction } from "./errors.js";
import { clusterError } from "./errors.js";

export const FIELD_MANAGER = "quikship";

/** Which object to read: its apiVersion, kind, namespace and name. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The kubeconfig at `path`, or the default one ($KUBECONFIG, ~/.kube/config, else the pod's service account). */
export function loadKubeConfig(path: string | undefined): KubeConfig {
  const config = new KubeConfig();
  if (path) config.loadFromFile(path);
  else config.loadFromDefault();
  return config;
}

export class ClusterConnection {
  readonly #objects: KubernetesObjectApi;

  private constructor(
    readonly environment: string,
    readonly context: string,
    config: KubeConfig,
  ) {
    this.#objects = KubernetesObjectApi.makeApiClient(config);
  }

  /** Refuses an environment whose `cluster` is no context of the kubeconfig, naming both. */
  static open(environment: Environment, kubeconfig: KubeConfig): ClusterConnection {
    const known = kubeconfig.getContexts().map((c) => c.name);
    const context = environment.cluster ?? kubeconfig.getCurrentContext();
    if (!known.includes(context)) {
      throw new InputError(
        `environments.${environment.name}.cluster: no context "${context}" in the kubeconfig (known: ${known.join(", ") || "none"})`,
      );
    }
    const config = new KubeConfig();
    config.loadFromString(kubeconfig.exportConfig());
    config.setCurrentContext(context);
    return new ClusterConnection(environment.name, context, config);
  }

  #action(verb: string, obj: KubernetesObject): ClusterAction {
    const m = obj.metadata ?? {};
    return {
      environment: this.environment,
      context: this.context,
      verb,
      kind: obj.kind ?? "object",
      namespace: m.namespace,
      name: m.name,
    };
  }

  /** Server-side apply of each object, in order, as field manager quikship, never forcing. */
  async apply(objects: KubernetesObject[], opts: { dryRun?: boolean } = {}): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const obj of objects) {
      const dryRun = opts.dryRun ? "All" : undefined;
      try {
        applied.push(
          await this.#objects.patch(obj, undefined, dryRun, FIELD_MANAGER, false, PatchStrategy.ServerSideApply),
        );
      } catch (error) {
        throw clusterError(error, this.#action("applying", obj));
      }
    }
    return applied;
  }

  /** The live object, or undefined when it does not exist. */
  async read(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    try {
      return await this.#objects.read(ref);
    } catch (error) {
      const failure = clusterError(error, this.#action("reading", ref));
      if (failure.kind === "not-found") return undefined;
      throw failure;
    }
  }
}
