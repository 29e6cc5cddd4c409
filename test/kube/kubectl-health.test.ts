import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type {
  V1Deployment,
  V1Endpoints,
  V1PodDisruptionBudget,
  V2HorizontalPodAutoscaler,
} from "@kubernetes/client-node";
import { KubeDouble } from "./double/index.js";
import { deploymentYaml } from "./fixtures.js";
import { Kubectl } from "./kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-live"] });
  kubectl = new Kubectl(double, { live: "quikapp-live" });
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: billing}
spec:
  selector: {app.kubernetes.io/name: billing}
  ports: [{name: http, port: 80, targetPort: http}]
`;
const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: billing-pdb}
spec:
  minAvailable: 2
  selector: {matchLabels: {app.kubernetes.io/name: billing}}
`;
const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: billing-hpa}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: billing}
  minReplicas: 3
  maxReplicas: 6
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

describe("what the kubernetes target reads for health, from the Kubernetes API test double through kubectl", () => {
  it("lists ready pods' addresses in the Service's Endpoints, with the named target port resolved", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "-f", "-"],
      `${deploymentYaml({ name: "billing", image: "billing:v1", replicas: 2 })}---\n${SERVICE}`,
    );
    const ep = await kubectl.json<V1Endpoints>(["get", "endpoints", "billing"]);
    assert.equal(ep.subsets?.[0]?.addresses?.length, 2);
    assert.deepEqual(ep.subsets?.[0]?.ports, [{ name: "http", port: 8080, protocol: "TCP" }]);
    assert.equal(ep.subsets?.[0]?.addresses?.[0]?.targetRef?.kind, "Pod");
  });

  it("counts a disruption budget's healthy pods and allowed disruptions", async () => {
    await kubectl.ok(["apply", "--server-side", "-f", "-"], PDB);
    const pdb = await kubectl.json<V1PodDisruptionBudget>(["get", "pdb", "billing-pdb"]);
    assert.deepEqual(
      [
        pdb.status?.expectedPods,
        pdb.status?.currentHealthy,
        pdb.status?.desiredHealthy,
        pdb.status?.disruptionsAllowed,
      ],
      [2, 2, 2, 0],
    );
    assert.equal(pdb.status?.conditions?.[0]?.reason, "InsufficientPods");
  });

  it("an autoscaler holds its Deployment at its minimum: a scale below it is undone", async () => {
    await kubectl.ok(["apply", "--server-side", "-f", "-"], HPA);
    let d = await kubectl.json<V1Deployment>(["get", "deployment", "billing"]);
    assert.equal(d.spec?.replicas, 3, "raised to minReplicas");
    await kubectl.ok(["scale", "deployment/billing", "--replicas=1"]);
    d = await kubectl.json<V1Deployment>(["get", "deployment", "billing"]);
    assert.equal(d.spec?.replicas, 3, "the autoscaler scaled it back");
    const hpa = await kubectl.json<V2HorizontalPodAutoscaler>(["get", "hpa", "billing-hpa"]);
    assert.equal(hpa.status?.desiredReplicas, 3);
    assert.equal(hpa.status?.conditions?.find((c) => c.type === "ScalingActive")?.reason, "FailedGetResourceMetric");
    const events = await kubectl.ok([
      "get",
      "events",
      "--field-selector",
      "reason=SuccessfulRescale",
      "-o",
      "jsonpath={.items[*].message}",
    ]);
    assert.match(events, /New size: 3; reason: Current number of replicas below Spec.MinReplicas/);
    const pdb = await kubectl.json<V1PodDisruptionBudget>(["get", "pdb", "billing-pdb"]);
    assert.equal(pdb.status?.disruptionsAllowed, 1, "three healthy pods, two required");
  });
});
