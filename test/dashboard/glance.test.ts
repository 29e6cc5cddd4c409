import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detailLines } from "../../dashboard/src/audit-details.ts";
import { columnSummary, pendingChanges, rowGlance, rowsShown, tagHues } from "../../dashboard/src/matrix-glance.ts";
import type { MatrixRow } from "../../dashboard/src/matrix-rows.ts";
import type { RunView, ServiceStatus } from "../../dashboard/src/types.ts";
import { chartGeometry, sinceStart } from "../../dashboard/src/weight-chart.ts";
import { momentText, whyLines } from "../../dashboard/src/why-waits.ts";

const cell = (service: string, tag: string | null): ServiceStatus => ({
  service,
  revision: tag === null ? null : 1,
  tag,
  digest: null,
  health: tag === null ? "not-deployed" : "healthy",
  message: null,
  ready: null,
  desired: null,
  rolloutInProgress: null,
  activatedAt: null,
  restarts: null,
  revisions: [],
  weights: {},
});
const row = (service: string, tags: (string | null)[]): MatrixRow => ({
  service,
  stack: "node",
  cells: tags.map((t) => cell(service, t)),
});
const rungs = [
  { name: "dev", from: null },
  { name: "qa", from: "dev" },
  { name: "live", from: "qa" },
];
const run = (over: Partial<RunView>): RunView => ({
  id: "r1",
  kind: "deploy",
  status: "waiting",
  environment: "dev",
  services: ["web"],
  actor: "alice",
  request: { environment: "dev", kind: "deploy", services: ["web"], params: { tag: "v2" } },
  waitReason: null,
  error: null,
  createdAt: 1,
  startedAt: null,
  finishedAt: null,
  stages: [],
  ...over,
});

describe("the matrix at a glance", () => {
  it("marks a rung ahead of the one that takes from it, and a rung behind its source, by tag", () => {
    const glance = rowGlance(row("web", ["v2", "v1", "v1"]), rungs, new Map());
    assert.deepEqual(
      glance.map((g) => [g.aheadOf, g.behind]),
      [
        [["qa"], null],
        [[], { environment: "dev", tag: "v2" }],
        [[], null],
      ],
    );
    // Nothing deployed downstream: the source is ahead of it; an empty rung is ahead of nothing.
    const empty = rowGlance(row("api", ["v1", null, null]), rungs, new Map());
    assert.deepEqual(
      empty.map((g) => g.aheadOf),
      [["qa"], [], []],
    );
  });

  it("shows a promotion in the environments it goes to, with what it waits for, the oldest run first", () => {
    const pending = pendingChanges([
      run({ id: "r-new", createdAt: 5, kind: "deploy", environment: "qa", status: "running" }),
      run({
        id: "r-promo",
        createdAt: 2,
        kind: "promote",
        environment: "dev",
        request: { environment: "dev", kind: "promote", services: ["web"], params: { tag: "v2", to: ["qa"] } },
        waitReason: { kind: "approval", environment: "qa", message: "QA Lead", pending: [] },
      }),
      run({ id: "r-done", createdAt: 1, status: "succeeded", environment: "live" }),
    ]);
    assert.deepEqual(pending.get("qa/web"), {
      runId: "r-promo",
      kind: "promote",
      status: "waiting",
      tag: "v2",
      waitingFor: "approval",
    });
    assert.equal(pending.has("dev/web"), false, "a promotion does not change its source");
    assert.equal(pending.has("live/web"), false, "a finished run changes nothing");
    const glance = rowGlance(row("web", ["v2", "v1", null]), rungs, pending);
    assert.equal(glance[1]!.pending?.runId, "r-promo");
    assert.equal(columnSummary([row("web", ["v2", "v1", null])], 1, "qa", pending), "1 running · 1 changing");
  });

  it("gives the same colour to the same tag along a row, in ladder order", () => {
    assert.deepEqual(
      [...tagHues(row("web", ["v2", "v1", "v2", null]))],
      [
        ["v2", 0],
        ["v1", 1],
      ],
    );
  });

  it("keeps the rows deployed somewhere, or the rows a run changes, when asked", () => {
    const rows = [row("web", ["v1", null, null]), row("api", [null, null, null]), row("cart", [null, null, null])];
    const pending = pendingChanges([run({ services: ["cart"] })]);
    assert.deepEqual(
      rowsShown(rows, "deployed", rungs, pending).map((r) => r.service),
      ["web"],
    );
    assert.deepEqual(
      rowsShown(rows, "changing", rungs, pending).map((r) => r.service),
      ["cart"],
    );
    assert.equal(rowsShown(rows, "all", rungs, pending).length, 3);
  });
});

describe("why a run waits, for a person", () => {
  const now = Date.UTC(2026, 11, 6, 0, 15, 37);
  const summary =
    "canary web revision 2 at 50% (step 1 of 2), baking until 2026-12-06 00:20:37 UTC (the canary served 0 of the 100 requests needed; error rate not yet told apart from 0.5% or 1% (canary 0% of 0, stable 0% of 0)); goes on by itself at 2026-12-06 00:20:37 UTC unless analysis aborts it (`quikship promote-step r1` ends it early); afterwards qa takes it by itself once it succeeds in dev with its tests passed (deployment: auto)";

  it("cuts the summary into clauses, lists a clause's reasons, and writes moments in local time with how far off", () => {
    const lines = whyLines(summary, now, true, "UTC");
    assert.deepEqual(lines, [
      {
        text: "canary web revision 2 at 50% (step 1 of 2), baking until 00:20:37 (in 5 min)",
        reasons: [
          "the canary served 0 of the 100 requests needed",
          "error rate not yet told apart from 0.5% or 1% (canary 0% of 0, stable 0% of 0)",
        ],
      },
      {
        text: "goes on by itself at 00:20:37 (in 5 min) unless analysis aborts it (`quikship promote-step r1` ends it early)",
        reasons: [],
      },
    ]);
    assert.ok(
      lines.every((l) => !/UTC|T\d\d:/.test(l.text)),
      "no UTC or ISO timestamp left",
    );
    // Without the Ahead panel, what comes afterwards stays.
    assert.match(whyLines(summary, now, false, "UTC").at(-1)!.text, /^afterwards qa takes it/);
  });

  it("writes a moment on another day with its date, and one past as ago", () => {
    assert.match(momentText(Date.UTC(2026, 11, 7, 0, 15), now, "UTC"), /Dec.*00:15 \(in 24 h\)$/);
    assert.equal(momentText(now - 90_000, now, "UTC"), "00:14:07 (2 min ago)");
  });
});

describe("an audit entry's details", () => {
  it("names nested fields by their path, joins lists, and shortens hashes", () => {
    const lines = detailLines({
      kind: "deploy",
      services: ["web", "api"],
      params: { tag: "v1", canary: true },
      permission: [{ action: "deploy", environment: "dev" }],
      hash: "95d5c693ff0ac44741527f4b85ae2dac921e2026428c49b702878796643c5715",
      actorToken: null,
    });
    assert.deepEqual(
      lines.map((l) => [l.key, l.text]),
      [
        ["kind", "deploy"],
        ["services", "web, api"],
        ["params.tag", "v1"],
        ["params.canary", "true"],
        ["permission", "action: deploy, environment: dev"],
        ["hash", "95d5c693ff0a…"],
        ["actorToken", "—"],
      ],
    );
    assert.equal(lines[5]!.full?.length, 64);
  });
});

describe("the canary's weight chart", () => {
  const box = { width: 200, height: 120, left: 40, bottom: 20, top: 0, right: 0 };

  it("draws each weight held until the next change, on a 0–100% axis, with a mark per change", () => {
    const g = chartGeometry(
      [
        { at: 0, weight: 50 },
        { at: 60_000, weight: 0 },
      ],
      80_000,
      box,
    );
    // Plot: x 40..200 over 0..80 s; y 100 (0%) .. 0 (100%).
    assert.equal(g.line, "M 40.0 50.0 H 160.0 V 100.0 H 200.0");
    assert.equal(g.area, `${g.line} V 100.0 H 40.0 Z`);
    assert.deepEqual(
      g.yTicks.map((t) => [t.label, t.y]),
      [
        ["0%", 100],
        ["25%", 75],
        ["50%", 50],
        ["75%", 25],
        ["100%", 0],
      ],
    );
    assert.deepEqual(
      g.marks.map((m) => m.label),
      ["50%", "0%"],
    );
    // The change at +1:00 and the end at +1:20 are 40 px apart: the end's label is kept.
    assert.deepEqual(
      g.xTicks.map((t) => t.label),
      ["+0:00", "+1:20"],
    );
    assert.equal(sinceStart(3_723_000), "+1:02:03");
  });
});
