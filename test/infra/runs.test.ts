import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { InputError } from "../../src/errors.js";
import type { InfraOutput } from "../../src/engine/steps/infra-schemas.js";
import { forEachDatabase } from "../support/databases.js";
import { type InfraHarness, infraHarness, settleRun, stepsOf } from "./engine-support.js";
import { requireTerraform } from "./support.js";

before(requireTerraform);

forEachDatabase("infra runs of the QuikApp platform with real terraform", (t) => {
  let h: InfraHarness;
  before(async () => {
    h = await infraHarness(t);
  });
  after(() => h.cleanup());

  it("promotes dev to prod: applies dev and qa at once, waits for Platform Team at staging, then for Platform Lead and CTO at prod, and explain says so", async () => {
    const submitted = await h.engine.api.submit(
      { kind: "infra", environment: "dev", params: { action: "promote", stop: "prod" } },
      "paula",
    );
    let run = await settleRun(h, submitted.id);
    assert.equal(run.status, "waiting", JSON.stringify(run.error));
    assert.equal(run.waitReason?.kind, "approval");
    assert.equal(run.waitReason?.kind === "approval" && run.waitReason.environment, "staging");
    const done = stepsOf(run)
      .filter((s) => s.status === "succeeded")
      .map((s) => s.key);
    assert.deepEqual(done, [
      "dev/lock",
      "dev/plan",
      "dev/apply",
      "qa/lock",
      "qa/plan",
      "qa/apply",
      "staging/lock",
      "staging/plan",
    ]);
    const devApply = stepsOf(run).find((s) => s.key === "dev/apply")!.output as InfraOutput;
    assert.equal(devApply.operation, "apply");
    assert.equal(devApply.operation === "apply" && devApply.counts.add, 5);
    let explained = await h.engine.api.explain(run.id);
    assert.match(explained.summary, /waits for approval of staging: .*Platform Team/);
    assert.deepEqual(explained.waiting?.approvals?.waitingFor, ["Platform Team"]);
    assert.ok(
      explained.ahead.some(
        (g) =>
          g.environment === "live" && g.kind === "approval" && /Platform Lead, CTO \(policy all\)/.test(g.description),
      ),
      JSON.stringify(explained.ahead),
    );

    await h.engine.api.decide(run.id, { actor: "pat", groups: ["Platform Team"], decision: "approve" });
    run = await settleRun(h, run.id);
    assert.equal(run.status, "waiting", JSON.stringify(run.error));
    assert.equal(run.waitReason?.kind === "approval" && run.waitReason.environment, "live");
    assert.equal(stepsOf(run).find((s) => s.key === "staging/apply")?.status, "succeeded");
    explained = await h.engine.api.explain(run.id);
    assert.deepEqual(explained.waiting?.approvals?.waitingFor.sort(), ["CTO", "Platform Lead"]);
    assert.match(explained.summary, /waits for approval of live/);

    await h.engine.api.decide(run.id, { actor: "lee", groups: ["Platform Lead"], decision: "approve" });
    run = await settleRun(h, run.id);
    assert.equal(run.status, "waiting");
    assert.deepEqual((await h.engine.api.explain(run.id)).waiting?.approvals?.waitingFor, ["CTO"]);
    await h.engine.api.decide(run.id, { actor: "cora", groups: ["CTO"], decision: "approve" });
    run = await settleRun(h, run.id);
    assert.equal(run.status, "succeeded", JSON.stringify(run.error ?? run.waitReason));
    assert.equal(stepsOf(run).find((s) => s.key === "live/apply")?.status, "succeeded");
  });

  it("refuses to destroy prod without the environment typed back, without an emergency reason, and then waits for CTO and Security Team", async () => {
    const destroy = (params: Record<string, unknown>) =>
      h.engine.api.submit({ kind: "infra", environment: "prod", params: { action: "destroy", ...params } }, "paula");
    await assert.rejects(
      destroy({}),
      (e: unknown) =>
        e instanceof InputError && /--confirm must repeat the environment to destroy \("prod"\)/.test(e.message),
    );
    await assert.rejects(destroy({ confirm: "live " }), InputError);
    await assert.rejects(destroy({ confirm: "prod" }), /needs an emergency reason/);
    const run = await destroy({ confirm: "prod", emergency: { reason: "region decommissioned" } });
    const settled = await settleRun(h, run.id);
    assert.equal(settled.status, "waiting", JSON.stringify(settled.error));
    assert.equal(settled.waitReason?.kind === "approval" && settled.waitReason.environment, "live");
    const explained = await h.engine.api.explain(run.id);
    assert.deepEqual(explained.waiting?.approvals?.waitingFor.sort(), ["CTO", "Security Team"]);
    const plan = stepsOf(settled).find((s) => s.key === "live/plan")!.output as InfraOutput;
    assert.equal(plan.operation === "plan" && plan.summary.destroy, 5);
    await assert.rejects(
      h.engine.api.decide(run.id, { actor: "lee", groups: ["Platform Lead"], decision: "approve" }),
      /lee is not a member of CTO, Security Team/,
    );
    await h.engine.api.cancel(run.id, "paula", "not today");
  });
});
