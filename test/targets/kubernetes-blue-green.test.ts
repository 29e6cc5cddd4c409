import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { V1Deployment, V1Endpoints } from "@kubernetes/client-node";
import type { Environment, Service } from "../../src/config/types.js";
import { selectedRevision, strategyTraffic } from "../../src/targets/traffic-split.js";
import { GatewayListener } from "../kube/double/gateway.js";
import { quikappEnvironment, revisionRequest, startKubeTarget } from "./kubernetes-support.js";
import type { KubeTargetRig } from "./kubernetes-support.js";

/**
 * Blue-green on Kubernetes without a Gateway: the new colour runs at full size behind its own
 * Service, the service's stable Service keeps selecting the old colour's pods, and the switch (and
 * the switch back) is one write of that Service's selector; tested against the Kubernetes API test
 * double, read back with the real kubectl.
 */
let rig: KubeTargetRig;
let live: Environment;
let auth: Service;
let gateway: GatewayListener;
const signal = (): AbortSignal => AbortSignal.timeout(10_000);

before(async () => {
  rig = await startKubeTarget(["live"]);
  live = quikappEnvironment(rig.platform, "live", { replicas: { min: 3, max: 3 }, minReadyMs: 0 });
  auth = rig.platform.services["auth-service"]!;
  gateway = new GatewayListener(rig.double.cluster, { name: "public", namespace: "gateway" });
  await gateway.listen();
});

after(async () => {
  await gateway.close();
  await rig.close();
});

/** The revision label of the stable Service's selector, as `kubectl get svc -o jsonpath` prints it ("" for none). */
const selected = (): Promise<string> =>
  rig.kubectl.ok(["get", "svc", "auth-service", "-o", "jsonpath={.spec.selector.quikship\\.io/revision}"]);

/** The pods behind a Service, as its Endpoints list them. */
async function endpoints(name: string): Promise<string[]> {
  const e = await rig.kubectl.json<V1Endpoints>(["get", "endpoints", name]);
  return (e.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name ?? "");
}

const replicas = async (revision: number): Promise<number | undefined> =>
  (await rig.kubectl.json<V1Deployment>(["get", "deployment", `auth-service-r${revision}`])).spec?.replicas;

/** The writes to Services while `act` runs. */
async function serviceWrites(act: () => Promise<void>): Promise<string[]> {
  const from = rig.double.requests.length;
  await act();
  return rig.double.requests
    .slice(from)
    .filter((r) => r.resource === "services" && !["get", "list", "watch"].includes(r.verb))
    .map((r) => r.verb);
}

describe("blue-green without a Gateway, by Service selector", () => {
  it("says a blue-green switch is by Service selector where traffic is split by replica ratio", () => {
    assert.equal(strategyTraffic("replica ratio", "blue-green"), "service selector");
    assert.equal(strategyTraffic("replica ratio", "canary"), "replica ratio");
    assert.equal(strategyTraffic("weights", "blue-green"), "weights");
    assert.equal(selectedRevision({ 4: 100 }), 4);
    assert.equal(selectedRevision({ 4: 100, 5: 0 }), 4);
    assert.equal(selectedRevision({ 4: 90, 5: 10 }), undefined, "a split selects every revision's pods");
    assert.equal(selectedRevision({}, 1), 1, "a first revision is selected as it is applied");
  });

  it("keeps the old colour selected while the new one runs at full size on its own Service, switches in one write and back in one", async () => {
    const blue = await rig.revision(live, auth, "v1.0.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, blue, "v1.0.0", 3), signal());
    await rig.target.setWeights(live, auth, { [blue]: 100 });
    assert.equal(await selected(), String(blue));

    const green = await rig.revision(live, auth, "v2.0.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, green, "v2.0.0", 3), signal());
    await rig.target.setPreview(live, auth, { revision: green, mirrorPercent: 0 });
    rig.double.advance(60_000);
    assert.equal(await selected(), String(blue), "applying the new colour leaves the selector alone");
    assert.equal(await replicas(green), 3, "the new colour at full size");
    const stable = await endpoints("auth-service");
    assert.equal(stable.length, 3);
    assert.ok(
      stable.every((p) => p.startsWith(`auth-service-r${blue}-`)),
      `only the old colour takes traffic: ${stable.join(", ")}`,
    );
    const preview = await endpoints(`auth-service-r${green}`);
    assert.equal(preview.filter((p) => p.startsWith(`auth-service-r${green}-`)).length, 3, preview.join(", "));

    const switched = await serviceWrites(() => rig.target.setWeights(live, auth, { [green]: 100 }));
    assert.deepEqual(switched, ["patch"], "the switch is one write of the stable Service");
    assert.equal(await selected(), String(green));
    rig.double.advance(1_000);
    assert.ok((await endpoints("auth-service")).every((p) => p.startsWith(`auth-service-r${green}-`)));
    assert.equal(await replicas(blue), 3, "the old colour stays, at full size, on standby");

    const back = await serviceWrites(() => rig.target.setWeights(live, auth, { [blue]: 100 }));
    assert.deepEqual(back, ["patch"], "the switch back is one write of the stable Service");
    assert.equal(await selected(), String(blue));
    rig.double.advance(1_000);
    assert.ok((await endpoints("auth-service")).every((p) => p.startsWith(`auth-service-r${blue}-`)));
    await rig.target.removeRevision(live, auth, green);
  });

  it("selects every revision's pods while a canary splits the traffic, and writes nothing when the selection stays", async () => {
    const [blue] = (await rig.target.status(live, auth)).revisions.map((r) => r.revision);
    const canary = await rig.revision(live, auth, "v3.0.0");
    await rig.target.ensureRevision(revisionRequest(live, auth, canary, "v3.0.0", 1), signal());
    assert.equal(await selected(), String(blue));
    await rig.target.setWeights(live, auth, { [canary]: 25, [blue!]: 75 });
    assert.equal(await selected(), "", "replica ratio: the Service selects every revision's pods");
    rig.double.advance(60_000);
    const pods = await endpoints("auth-service");
    assert.ok(
      pods.some((p) => p.startsWith(`auth-service-r${canary}-`)),
      pods.join(", "),
    );
    assert.deepEqual(await serviceWrites(() => rig.target.setWeights(live, auth, { [canary]: 50, [blue!]: 50 })), []);
    await rig.target.setWeights(live, auth, { [blue!]: 100 });
    assert.equal(await selected(), String(blue));
    await rig.target.removeRevision(live, auth, canary);
  });
});

describe("the check of the preview before a blue-green switch, through the Gateway", () => {
  const gated = (): Environment => ({ ...live, gateway: { name: "public", namespace: "gateway" }, url: gateway.url });
  const web = (): Service => rig.platform.services["user-service"]!;

  /** Blue serving all traffic, green (tag `tag`) on the preview route; their numbers. */
  async function blueAndGreen(environment: Environment, tag: string): Promise<[number, number]> {
    const service = web();
    const blue = await rig.revision(environment, service, "v1.0.0");
    await rig.target.ensureRevision(revisionRequest(environment, service, blue, "v1.0.0", 1), signal());
    await rig.target.setWeights(environment, service, { [blue]: 100 });
    const green = await rig.revision(environment, service, tag);
    await rig.target.ensureRevision(revisionRequest(environment, service, green, tag, 1), signal());
    await rig.target.setPreview(environment, service, { revision: green, mirrorPercent: 0 });
    rig.double.advance(60_000);
    return [blue, green];
  }

  async function cleanUp(environment: Environment, blue: number, green: number): Promise<void> {
    await rig.target.setPreview(environment, web(), null);
    await rig.target.removeRevision(environment, web(), green);
    await rig.target.removeRevision(environment, web(), blue);
  }

  it("asks the environment's url with the preview rule's header, which the Gateway sends to the new colour", async () => {
    const environment = gated();
    const [blue, green] = await blueAndGreen(environment, "v2.0.0");
    assert.deepEqual(await rig.target.probePreview(environment, web(), signal()), { outcome: "passed" });
    // What the check relies on: the Gateway answers the header from the new colour, the rest from the old.
    // The service is reached under its prefix, which the route strips before the service sees the path.
    const health = `${gateway.url}/user-service${web().healthPath}`;
    const preview = await fetch(health, { headers: { "x-quikship-preview": "1" } });
    assert.match(preview.headers.get("x-pod") ?? "", new RegExp(`^user-service-r${green}-`));
    assert.equal(preview.headers.get("x-path"), web().healthPath);
    const stable = await fetch(health);
    assert.match(stable.headers.get("x-pod") ?? "", new RegExp(`^user-service-r${blue}-`));
    await cleanUp(environment, blue, green);
  });

  it("fails, naming the request and the answer, when the preview answers its health path with an error", async () => {
    const environment = gated();
    const [blue, green] = await blueAndGreen(environment, "v2.0.0-bad");
    const check = await rig.target.probePreview(environment, web(), signal());
    assert.equal(check.outcome, "failed");
    assert.match(
      check.outcome === "failed" ? check.reason : "",
      new RegExp(
        `^the pre-switch check GET http://localhost:\\d+/user-service/actuator/health \\(x-quikship-preview: 1\\) through the Gateway to user-service-r${green} answered 500$`,
      ),
    );
    await cleanUp(environment, blue, green);
  });

  it("fails when the Gateway cannot be reached at the environment's url", async () => {
    const closed = new GatewayListener(rig.double.cluster, { name: "public", namespace: "gateway" });
    const environment = { ...gated(), url: await closed.listen() };
    await closed.close();
    const [blue, green] = await blueAndGreen(environment, "v2.0.0");
    const check = await rig.target.probePreview(environment, web(), signal());
    assert.equal(check.outcome, "failed");
    assert.match(check.outcome === "failed" ? check.reason : "", /through the Gateway to .* failed: .*ECONNREFUSED/);
    await cleanUp(environment, blue, green);
  });

  it("says why it cannot check without a gateway or without a url, rather than passing in silence", async () => {
    assert.deepEqual(await rig.target.probePreview(live, web(), signal()), {
      outcome: "skipped",
      reason:
        "live has no gateway: the preview is the preview revision's own Service, which nothing outside the cluster reaches",
    });
    const noUrl = { ...gated(), url: undefined };
    assert.deepEqual(await rig.target.probePreview(noUrl, web(), signal()), {
      outcome: "skipped",
      reason:
        "live has no url, the address of its Gateway: the preview is the preview revision's own Service, which nothing outside the cluster reaches",
    });
  });
});
