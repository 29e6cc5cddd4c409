/**
 * Where the kubernetes target finds its clusters: the kubeconfig of `quikship server --kubeconfig`,
 * else $KUBECONFIG, else ~/.kube/config, else — when quikship runs in a pod — the pod's service
 * account (every environment then uses that cluster). Loaded once, when an environment first needs it.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { InputError } from "../../errors.js";

/** Where the kubeconfig came from, as a person reads it in an error. */
export interface LoadedKubeConfig {
  config: KubeConfig;
  source: string;
  /** The pod's service account: every environment uses the one in-cluster context, whatever its `cluster`. */
  inCluster: boolean;
}

const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

function fromFile(path: string, source: string): LoadedKubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromFile(path);
  } catch (error) {
    throw new InputError(`${source}: cannot read the kubeconfig: ${(error as Error).message}`, { cause: error });
  }
  return { config, source, inCluster: false };
}

/** The kubeconfig quikship uses (see the file's header); an InputError when there is none. */
export function findKubeConfig(
  path: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  serviceAccountToken = SERVICE_ACCOUNT_TOKEN,
): LoadedKubeConfig {
  if (path) return fromFile(path, `--kubeconfig ${path}`);
  const listed = (env.KUBECONFIG ?? "").split(":").filter(Boolean);
  if (listed.length > 0) {
    const config = new KubeConfig();
    try {
      config.loadFromDefault(undefined, false);
    } catch (error) {
      throw new InputError(`KUBECONFIG=${env.KUBECONFIG}: cannot read the kubeconfig: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return { config, source: `KUBECONFIG=${env.KUBECONFIG}`, inCluster: false };
  }
  const home = join(env.HOME ?? homedir(), ".kube", "config");
  if (existsSync(home)) return fromFile(home, home);
  if (existsSync(serviceAccountToken)) {
    const config = new KubeConfig();
    config.loadFromCluster();
    return { config, source: "the pod's service account", inCluster: true };
  }
  throw new InputError(
    "no kubeconfig: pass quikship server --kubeconfig FILE, set KUBECONFIG, or run quikship in a pod with a service account",
  );
}
