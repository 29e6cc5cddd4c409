import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import YAML from "yaml";
import { KubeDouble } from "./double/index.js";
import { appContainerFields, at, deploymentYaml, entryOf } from "./fixtures.js";
import { Kubectl } from "./kubectl.js";

interface StatusBody {
  kind: string;
  reason: string;
  message: string;
  details: { causes: unknown[] };
}

let double: KubeDouble;
let kubectl: Kubectl;
let client: KubernetesObjectApi;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { dev: "quikapp-dev" });
  const config = new KubeConfig();
  config.loadFromFile(kubectl.kubeconfig);
  config.setCurrentContext("dev");
  client = KubernetesObjectApi.makeApiClient(config);
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

function manifest(image: string, replicas?: number): V1Deployment {
  const obj = YAML.parse(deploymentYaml({ name: "gateway", image, replicas })) as V1Deployment;
  return { ...obj, metadata: { ...obj.metadata, namespace: "quikapp-dev" } };
}

function apply(obj: KubernetesObject, force: boolean): Promise<KubernetesObject> {
  return client.patch(obj, undefined, undefined, "quikship", force, PatchStrategy.ServerSideApply);
}

describe("a field applied by kubectl as another manager, then applied by quikship through @kubernetes/client-node", () => {
  it("answers 409 Conflict whose Status names the other manager and the field", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=other", "-f", "-"],
      deploymentYaml({ name: "gateway", image: "gateway:v1" }),
    );
    const error = await apply(manifest("gateway:v2"), false).then(
      () => assert.fail("the conflicting apply succeeded"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiException, `not an ApiException: ${String(error)}`);
    assert.equal(error.code, 409);
    const status = JSON.parse(String(error.body)) as StatusBody;
    assert.equal(status.kind, "Status");
    assert.equal(status.reason, "Conflict");
    assert.equal(
      status.message,
      'Apply failed with 1 conflict: conflict with "other": .spec.template.spec.containers[name="app"].image',
    );
    assert.deepEqual(status.details.causes, [
      {
        type: "FieldManagerConflict",
        message: 'conflict with "other"',
        field: '.spec.template.spec.containers[name="app"].image',
      },
    ]);
    const live = await kubectl.json<V1Deployment>(["get", "deployment", "gateway"]);
    assert.equal(live.spec?.template.spec?.containers[0]?.image, "gateway:v1", "nothing applied");
  });

  it("names every conflicting field, grouped by manager, when several conflict", async () => {
    const error = (await apply(manifest("gateway:v2", 5), false).catch((e: unknown) => e)) as ApiException<string>;
    assert.equal(error.code, 409);
    const status = JSON.parse(error.body) as StatusBody;
    assert.equal(
      status.message,
      'Apply failed with 2 conflicts: conflicts with "other":\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
    );
  });

  it("with force, quikship takes the field and kubectl's manager keeps the rest", async () => {
    const applied = (await apply(manifest("gateway:v2"), true)) as V1Deployment;
    assert.equal(applied.spec?.template.spec?.containers[0]?.image, "gateway:v2");
    const live = await kubectl.json<V1Deployment>(["get", "deployment", "gateway", "--show-managed-fields"]);
    assert.deepEqual(at(appContainerFields(entryOf(live, "quikship")), "f:image"), {});
    assert.equal(at(appContainerFields(entryOf(live, "other")), "f:image"), undefined);
    assert.deepEqual(
      at(appContainerFields(entryOf(live, "other")), "f:name"),
      {},
      "the same value applied by both is shared",
    );
  });
});
