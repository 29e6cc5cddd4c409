import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Approvals } from "../config/types.js";
import { evaluateApprovals, mayDecide } from "./approvals.js";
import type { ApprovalDecision } from "./approvals.js";

const gate = (policy: Approvals["policy"], groups = ["CAB", "Release Manager", "CTO"]): Approvals => ({
  groups,
  policy,
  timeoutMs: 86_400_000,
  preventSelfApproval: true,
});
const yes = (group: string, actor: string): ApprovalDecision => ({ group, actor, decision: "approve", at: 0 });

describe("approval policies", () => {
  it("any: one approval from any listed group is enough", () => {
    assert.equal(evaluateApprovals(gate({ kind: "any" }), []).status, "pending");
    assert.equal(evaluateApprovals(gate({ kind: "any" }), [yes("CTO", "carol")]).status, "approved");
  });

  it("all: every group must approve, and says which are missing", () => {
    const state = evaluateApprovals(gate({ kind: "all" }), [yes("CAB", "ann"), yes("CTO", "carol")]);
    assert.deepEqual(state, {
      status: "pending",
      waitingFor: ["Release Manager"],
      message: "waiting for approvals from Release Manager",
    });
    assert.equal(
      evaluateApprovals(gate({ kind: "all" }), [yes("CAB", "ann"), yes("CTO", "carol"), yes("Release Manager", "rob")])
        .status,
      "approved",
    );
  });

  it("ordered: only the next group in order may approve", () => {
    const g = gate({ kind: "ordered" });
    assert.deepEqual(mayDecide(g, [], { actor: "carol", groups: ["CTO"], requester: "dev" }), {
      allowed: false,
      reason: "carol is not a member of CAB",
    });
    assert.deepEqual(mayDecide(g, [], { actor: "ann", groups: ["CAB"], requester: "dev" }), {
      allowed: true,
      group: "CAB",
    });
    assert.deepEqual(
      mayDecide(g, [yes("CAB", "ann")], { actor: "rob", groups: ["Release Manager"], requester: "dev" }),
      { allowed: true, group: "Release Manager" },
    );
  });

  it("minimum: counts distinct people from the listed groups", () => {
    const g = gate({ kind: "minimum", count: 2 });
    assert.deepEqual(evaluateApprovals(g, [yes("CAB", "ann")]), {
      status: "pending",
      waitingFor: ["CAB", "Release Manager", "CTO"],
      message: "waiting for 1 more approver from CAB, Release Manager, CTO (1 of 2)",
    });
    assert.equal(evaluateApprovals(g, [yes("CAB", "ann"), yes("CTO", "carol")]).status, "approved");
  });

  it("a rejection is final, whatever the policy", () => {
    const state = evaluateApprovals(gate({ kind: "any" }), [
      { group: "CAB", actor: "ann", decision: "reject", at: 0, comment: "not in freeze" },
      yes("CTO", "carol"),
    ]);
    assert.deepEqual(state, { status: "rejected", by: { group: "CAB", actor: "ann", comment: "not in freeze" } });
  });

  it("refuses self-approval, a second decision by one person, and non-members", () => {
    const g = gate({ kind: "all" });
    assert.match(
      (mayDecide(g, [], { actor: "ann", groups: ["CAB"], requester: "ann" }) as { reason: string }).reason,
      /requested this run and cannot approve it/,
    );
    assert.match(
      (
        mayDecide(g, [yes("CAB", "ann")], { actor: "ann", groups: ["CAB", "CTO"], requester: "dev" }) as {
          reason: string;
        }
      ).reason,
      /already decided/,
    );
    assert.match(
      (mayDecide(g, [], { actor: "eve", groups: ["Developers"], requester: "dev" }) as { reason: string }).reason,
      /eve is not a member of CAB, Release Manager, CTO/,
    );
  });

  it("lets a member of two groups choose which group their approval counts for", () => {
    const g = gate({ kind: "all" });
    assert.deepEqual(
      mayDecide(g, [], {
        actor: "rob",
        groups: ["CAB", "Release Manager"],
        requester: "dev",
        group: "Release Manager",
      }),
      { allowed: true, group: "Release Manager" },
    );
  });
});
