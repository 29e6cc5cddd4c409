import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Environment, Service } from "../config/types.js";
import { CountingTarget } from "./counting.js";
import { LazyTarget } from "./lazy.js";
import type { Target } from "./target.js";
import { lazyKubernetesTarget } from "./kubernetes/lazy.js";
import { systemClock } from "../engine/clock.js";

const environment = { name: "dev", namespace: "quikapp-dev", target: "kubernetes" } as Environment;
const service = { name: "api" } as Service;

describe("a lazily loaded target", () => {
  it("loads its module at the first call, once, and answers as the target it loads", async () => {
    let loads = 0;
    const dir = mkdtempSync(join(tmpdir(), "quikship-lazy-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const real = new CountingTarget(join(dir, "effects.jsonl"));
    const lazy = new LazyTarget({
      kind: "counting",
      capabilities: real.capabilities,
      load: () => {
        loads++;
        return Promise.resolve<Target>(real);
      },
    });
    assert.equal(lazy.loaded, false);
    assert.deepEqual(await lazy.check([]), [], "no environment bound: nothing to load");
    assert.equal(loads, 0);
    await Promise.all([lazy.status(environment, service), lazy.peek(environment)]);
    await lazy.setWeights(environment, service, { 1: 100 });
    assert.equal(loads, 1);
    assert.deepEqual(await lazy.status(environment, service), await real.status(environment, service));
  });

  it("loads again after a load that failed, and passes the failure on", async () => {
    let loads = 0;
    const lazy = new LazyTarget({
      kind: "counting",
      capabilities: { hasDataPlaneGuard: false, keepsLogs: false, countsTraffic: true },
      load: () =>
        ++loads === 1
          ? Promise.reject(new Error("no module"))
          : Promise.resolve<Target>(new CountingTarget(join(tmpdir(), "quikship-lazy-unused.jsonl"))),
    });
    await assert.rejects(lazy.status(environment, service), /no module/);
    await lazy.status(environment, service);
    assert.equal(loads, 2);
  });

  it("the kubernetes stand-in says its kind, capabilities and traffic split without loading the client", async () => {
    const lazy = lazyKubernetesTarget({ kubeconfig: "/nonexistent/kubeconfig", clock: systemClock });
    assert.equal(lazy.kind, "kubernetes");
    assert.deepEqual(lazy.capabilities, { hasDataPlaneGuard: false, keepsLogs: true, countsTraffic: false });
    assert.equal(lazy.trafficSplit?.({ ...environment, gateway: undefined }), "replica ratio");
    const gateway = { name: "public", namespace: "gateways" };
    assert.equal(lazy.trafficSplit?.({ ...environment, gateway }), "weights");
    assert.equal(lazy.loaded, false);
    // Bound to an environment, the start-up check loads the target, which refuses the missing kubeconfig.
    await assert.rejects(lazy.check([environment]), /environments\.dev \(target kubernetes\)/);
    assert.equal(lazy.loaded, true);
  });
});
