import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import YAML from "yaml";
import type { Environment } from "../../src/config/types.js";
import { ConflictError, ForbiddenError, InputError, UnavailableError } from "../../src/errors.js";
import { ClusterConnection, loadKubeConfig } from "../../src/targets/kubernetes/connection.js";
import { KubeDouble } from "../kube/double/index.js";
import { deploymentYaml } from "../kube/fixtures.js";
import { Kubectl } from "../kube/kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;
const dev = { name: "dev", cluster: "dev-cluster", namespace: "quikapp-dev" } as Environment;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { "dev-cluster": "quikapp-dev" });
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

function deployment(name: string, image: string): KubernetesObject {
  const obj = YAML.parse(deploymentYaml({ name, image })) as V1Deployment;
  return { ...obj, metadata: { ...obj.metadata, namespace: "quikapp-dev" } };
}

function connect(environment = dev): ClusterConnection {
  return ClusterConnection.open(environment, loadKubeConfig(kubectl.kubeconfig));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail("it succeeded"),
    (error: unknown) => error,
  );
}

describe("the kubernetes target's cluster connection, against the Kubernetes API test double", () => {
  it("refuses an environment whose cluster is no context of the kubeconfig, naming the environment", () => {
    const live = { ...dev, name: "live", cluster: "prod-aks" } as Environment;
    assert.throws(
      () => connect(live),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.equal(
          e.message,
          'environments.live.cluster: no context "prod-aks" in the kubeconfig (known: dev-cluster)',
        );
        return true;
      },
    );
  });

  it("applies server-side as field manager quikship", async () => {
    const [applied] = await connect().apply([deployment("auth", "auth:v1")]);
    assert.equal(applied?.metadata?.managedFields?.find((e) => e.operation === "Apply")?.manager, "quikship");
    const live = (await connect().read({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "auth", namespace: "quikapp-dev" },
    })) as V1Deployment;
    assert.equal(live.spec?.template.spec?.containers[0]?.image, "auth:v1");
    assert.equal(
      await connect().read({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "none", namespace: "quikapp-dev" },
      }),
      undefined,
    );
  });

  it("answers a conflict with a field kubectl applied as manager other with an error naming other and the field", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=other", "-f", "-"],
      deploymentYaml({ name: "web", image: "web:v1" }),
    );
    const error = await failure(connect().apply([deployment("web", "web:v2")]));
    assert.ok(error instanceof ConflictError, String(error));
    assert.match(
      error.message,
      /^environment dev \(context dev-cluster\): applying Deployment quikapp-dev\/web: fields quikship applies are owned by "other": \.spec\.template\.spec\.containers\[name="app"\]\.image/,
    );
    assert.deepEqual((error.details as { managers: string[] }).managers, ["other"]);
    const live = await kubectl.json<V1Deployment>(["get", "deployment", "web"]);
    assert.equal(live.spec?.template.spec?.containers[0]?.image, "web:v1", "nothing applied");
  });

  it("answers a request RBAC forbids with an error naming the verb, the resource and the namespace", async () => {
    double.deny({ verb: "patch", resource: "services", namespace: "quikapp-dev" });
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "auth", namespace: "quikapp-dev" },
      spec: { ports: [{ port: 80 }] },
    };
    const error = await failure(connect().apply([service]));
    assert.ok(error instanceof ForbiddenError, String(error));
    assert.match(error.message, /cannot patch resource "services" in API group "" in the namespace "quikapp-dev"/);
    assert.match(
      error.message,
      /^environment dev \(context dev-cluster\): applying Service quikapp-dev\/auth: forbidden/,
    );
  });

  it("answers an unreachable API server with a retryable error naming the environment", async () => {
    const gone = await KubeDouble.start();
    const config = new Kubectl(gone, { "dev-cluster": "quikapp-dev" });
    await gone.close();
    try {
      const connection = ClusterConnection.open(dev, loadKubeConfig(config.kubeconfig));
      const error = await failure(connection.apply([deployment("auth", "auth:v2")]));
      assert.ok(error instanceof UnavailableError, String(error));
      assert.equal(error.retryable, true);
      assert.ok(
        error.message.startsWith(
          `environment dev (context dev-cluster): applying Deployment quikapp-dev/auth: the Kubernetes API server at ${gone.url} could not be reached`,
        ),
        error.message,
      );
    } finally {
      config.dispose();
    }
  });
});
