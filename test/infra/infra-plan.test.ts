import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { InputError } from "../../src/errors.js";
import {
  type PlannedInfra,
  planInfraApply,
  planInfraDestroy,
  planInfraPlan,
  planInfraPromotion,
} from "../../src/engine/plan/infra.js";
import { infraApprovalParams, infraParams } from "../../src/engine/steps/infra-schemas.js";

const QUIKAPP = join(import.meta.dirname, "..", "..", "examples", "quikapp", "quikship.yaml");
const REV = "4869d80";

/** Each stage as `env: kind(detail) → ...`, and every step's parameters checked against its kind's schema. */
function outline(planned: PlannedInfra): string[] {
  return planned.stages.map((stage) => {
    const steps = stage.steps.map((step) => {
      if (step.kind === "infra") {
        const p = infraParams.parse(step.params);
        return p.operation === "plan" ? `plan(${p.mode})` : p.operation;
      }
      if (step.kind === "infra-approval") return `approval(${infraApprovalParams.parse(step.params).purpose})`;
      return step.kind;
    });
    return `${stage.key}: ${steps.join(" → ")}`;
  });
}

const approvalTitles = (planned: PlannedInfra): string[] =>
  planned.stages.flatMap((s) => s.steps.filter((st) => st.kind === "infra-approval").map((st) => st.title));

describe("planning infrastructure runs for the QuikApp platform", () => {
  let platform: Platform;
  before(() => {
    platform = loadPlatformOrThrow(QUIKAPP).platform;
  });

  it("promotes dev to prod: dev and qa at once, staging behind Platform Team, prod behind Platform Lead and CTO", () => {
    const planned = planInfraPromotion(platform, "dev", "prod", REV);
    assert.deepEqual(outline(planned), [
      "dev: lock → plan(normal) → apply",
      "qa: lock → plan(normal) → apply",
      "staging: lock → plan(normal) → approval(apply) → apply",
      "live: lock → plan(normal) → approval(apply) → window → apply",
    ]);
    assert.deepEqual(approvalTitles(planned), [
      "approval to apply staging: Platform Team",
      "approval to apply live: Platform Lead, CTO",
    ]);
    assert.deepEqual(planned.notes, [
      "uat1: skipped, it has no terraform entry",
      "uat2: skipped, it has no terraform entry",
      "uat3: skipped, it has no terraform entry",
    ]);
  });

  it("refuses a promotion whose stop comes before its start, or with no terraform rung", () => {
    assert.throws(() => planInfraPromotion(platform, "staging", "dev", REV), /--stop dev comes before --start staging/);
    assert.throws(
      () => planInfraPromotion(platform, "uat1", "uat3", REV),
      /no environment from uat1 to uat3 has a terraform entry/,
    );
  });

  it("plans one environment, and applies one behind its gates", () => {
    assert.deepEqual(outline(planInfraPlan(platform, "staging", REV)), ["staging: lock → plan(normal)"]);
    assert.deepEqual(outline(planInfraApply(platform, "dev", REV)), ["dev: lock → plan(normal) → apply"]);
    assert.throws(
      () => planInfraApply(platform, "uat1", REV),
      (e: unknown) => e instanceof InputError && /uat1 has no entry under terraform.environments/.test(e.message),
    );
  });

  it("destroys prod only with the right confirm, destroy approvals and an emergency reason", () => {
    const destroy = (confirm: string, emergencyReason?: string) =>
      planInfraDestroy(platform, { environment: "prod", confirm, revision: REV, emergencyReason });
    assert.throws(() => destroy("live"), /--confirm must repeat the environment to destroy \("prod"\), got "live"/);
    assert.throws(() => destroy("prod"), /destroying live \(tier prod\) needs an emergency reason/);
    const planned = destroy("prod", "decommissioning the region");
    assert.deepEqual(outline(planned), ["live: lock → plan(destroy) → approval(destroy) → window → apply"]);
    assert.deepEqual(approvalTitles(planned), ["approval to destroy live: CTO, Security Team"]);
  });

  it("refuses to destroy an environment without destroy approvals", () => {
    assert.throws(
      () => planInfraDestroy(platform, { environment: "dev", confirm: "dev", revision: REV }),
      /dev cannot be destroyed: terraform.environments.dev has no destroyApprovals/,
    );
  });
});

describe("auto-approval", () => {
  it("is refused for a prod-tier environment and ignored where approvals are configured", () => {
    const platform = loadPlatformOrThrow(QUIKAPP).platform;
    const terraform = platform.terraform;
    assert.ok(terraform);
    const prod = terraform.environments.prod;
    const staging = terraform.environments.staging;
    assert.ok(prod && staging);
    const edited: Platform = {
      ...platform,
      terraform: {
        ...terraform,
        environments: {
          ...terraform.environments,
          prod: { ...prod, autoApprove: true, approvals: undefined },
          staging: { ...staging, autoApprove: true },
        },
      },
    };
    const planned = planInfraPromotion(edited, "staging", "prod", REV);
    assert.deepEqual(approvalTitles(planned), [
      "approval to apply staging: Platform Team",
      "approval to apply live: anyone allowed to run infra",
    ]);
    assert.ok(
      planned.notes.includes("live: autoApprove is refused for a prod-tier environment; an approval is required"),
    );
    assert.ok(planned.notes.includes("staging: approvals are configured, so autoApprove is ignored"));
  });
});
