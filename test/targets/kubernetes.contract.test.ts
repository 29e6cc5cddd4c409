import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Environment, Service } from "../../src/config/types.js";
import { systemClock } from "../../src/engine/clock.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubernetesTarget } from "../../src/targets/kubernetes/target.js";
import { KubeDouble } from "../kube/double/index.js";
import { R } from "../kube/double/cluster.js";
import { RESOURCES } from "../kube/double/resources.js";
import { targetContract } from "./contract.js";

/** The kubernetes target against the Kubernetes API test double (a fresh cluster per test). */
targetContract("kubernetes (against the Kubernetes API test double)", async () => {
  const double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  const dir = mkdtempSync(join(tmpdir(), "quikship-kubernetes-contract-"));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, double.kubeconfig({ "dev-cluster": "quikapp-dev" }));
  const config = loadKubeConfig(kubeconfig);
  const environment = {
    name: "dev",
    cluster: "dev-cluster",
    namespace: "quikapp-dev",
    minReadyMs: 0,
    progressDeadlineMs: 600_000,
    url: undefined,
  } as Environment;
  const service = { name: "web", image: "registry.local/web", port: 8080, healthPath: "/health" } as Service;
  return {
    target: new KubernetesTarget((env) => ClusterConnection.open(env, config), systemClock),
    environment,
    service,
    // The value lives only in the vault: the target passes the reference on and never sees it.
    secret: { reference: "keyvault:DEV-API-KEY", value: "kv-s3cret-value" },
    started: () => double.store.list(R.deployments, undefined).length > 0,
    written: () => JSON.stringify(RESOURCES.flatMap((r) => double.store.list(r, undefined))),
    close: async () => {
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
