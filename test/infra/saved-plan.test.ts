import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { InputError, NotFoundError } from "../../src/errors.js";
import type { InfraOutput } from "../../src/engine/steps/infra-schemas.js";
import { forEachDatabase } from "../support/databases.js";
import { type InfraHarness, infraHarness, settleRun, stepsOf } from "./engine-support.js";
import { requireTerraform } from "./support.js";

before(requireTerraform);

forEachDatabase("infra apply --plan RUN: exactly the plan an earlier run saved", (t) => {
  let h: InfraHarness;
  before(async () => {
    h = await infraHarness(t);
  });
  after(() => h.cleanup());

  const submit = (environment: string, params: Record<string, unknown>) =>
    h.engine.api.submit({ kind: "infra", environment, params: { action: "apply", ...params } }, "paula");
  async function planRun(environment: string): Promise<{ id: string; digest: string }> {
    const run = await settleRun(
      h,
      (await h.engine.api.submit({ kind: "infra", environment, params: { action: "plan" } }, "paula")).id,
    );
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    const out = stepsOf(run).find((s) => s.key === `${environment}/plan`)!.output as InfraOutput;
    assert.equal(out.operation, "plan");
    return { id: run.id, digest: out.operation === "plan" ? out.planDigest : "" };
  }

  it("applies the saved plan without planning again, and refuses it, and an older plan, as stale after that apply", async () => {
    const older = await planRun("dev");
    const newer = await planRun("dev");
    const applied = await settleRun(h, (await submit("dev", { plan: newer.id })).id);
    assert.equal(applied.status, "succeeded", JSON.stringify(applied.error));
    assert.deepEqual(
      stepsOf(applied).map((s) => s.key),
      ["dev/lock", "dev/apply"],
      "no new plan is made",
    );
    const apply = stepsOf(applied).find((s) => s.key === "dev/apply")!;
    assert.match(apply.title, new RegExp(`the plan saved by run ${newer.id}`));
    const out = apply.output as InfraOutput;
    assert.equal(out.operation === "apply" && out.counts.add, 5);

    for (const stale of [older.id, newer.id]) {
      const again = await settleRun(h, (await submit("dev", { plan: stale })).id);
      assert.equal(again.status, "failed", `the plan of ${stale} was applied a second time`);
      assert.match(again.error?.message ?? "", /stale/i);
    }
    const status = (await h.engine.api.list({ kind: "infra" })).filter((r) => r.status === "succeeded");
    assert.equal(status.filter((r) => r.request.params.action === "apply").length, 1);
  });

  it("waits for the environment's approval before applying a saved plan of staging", async () => {
    const plan = await planRun("staging");
    const run = await settleRun(h, (await submit("staging", { plan: plan.id })).id);
    assert.equal(run.status, "waiting", JSON.stringify(run.error));
    assert.deepEqual((await h.engine.api.explain(run.id)).waiting?.approvals?.waitingFor, ["Platform Team"]);
    assert.equal(stepsOf(run).find((s) => s.key === "staging/apply")?.status, "pending");
    await h.engine.api.cancel(run.id, "paula", "not now");
  });

  it("refuses a plan of another environment, a run that is no plan, an unknown run and --plan without apply", async () => {
    const plan = await planRun("dev");
    await assert.rejects(submit("qa", { plan: plan.id }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, new RegExp(`run ${plan.id} planned dev, not qa`));
      return true;
    });
    await assert.rejects(submit("dev", { plan: "r-nope" }), NotFoundError);
    const applyRun = (await h.engine.api.list({ kind: "infra" })).find((r) => r.request.params.action === "apply")!;
    await assert.rejects(submit("dev", { plan: applyRun.id }), /is not an infra plan run/);
    await assert.rejects(
      h.engine.api.submit({ kind: "infra", environment: "dev", params: { action: "plan", plan: plan.id } }, "paula"),
      /params.plan is for infra apply, not plan/,
    );
  });
});
