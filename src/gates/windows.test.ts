import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import type { Windows } from "../config/types.js";
import { windowState } from "./windows.js";

const NY = "America/New_York";
const production: Windows = {
  timezone: NY,
  weekly: [
    { days: ["mon", "tue", "wed", "thu"], fromMinute: 9 * 60, toMinute: 16 * 60 },
    { days: ["fri"], fromMinute: 9 * 60, toMinute: 12 * 60 },
  ],
  freezes: [],
};
const at = (iso: string, zone = NY): number => DateTime.fromISO(iso, { zone }).toMillis();

describe("windowState", () => {
  it("is always open without windows", () => {
    assert.deepEqual(windowState(undefined, at("2026-11-21T03:00")), { open: true, always: true });
  });

  it("allows Friday 11:59 and refuses Friday 12:00 in New York", () => {
    const before = windowState(production, at("2026-11-20T11:59"));
    assert.equal(before.open, true);
    assert.equal(before.open && !before.always && before.closesAtMs, at("2026-11-20T12:00"));
    const noon = windowState(production, at("2026-11-20T12:00"));
    assert.equal(noon.open, false);
    assert.equal(!noon.open && noon.nextOpenMs, at("2026-11-23T09:00"));
  });

  it("refuses Saturday and names Monday 09:00 as the next opening", () => {
    const state = windowState(production, at("2026-11-21T10:00"));
    assert.equal(state.open, false);
    assert.equal(!state.open && state.reason, "outside the deployment window");
    assert.equal(!state.open && state.nextOpenMs, at("2026-11-23T09:00"));
  });

  it("keeps 09:00 local across the March daylight-saving change", () => {
    // Clocks go forward on Sunday 2026-03-08: Friday opens at 14:00 UTC, Monday at 13:00 UTC.
    const friday = windowState(production, at("2026-03-06T08:00"));
    assert.equal(friday.open, false);
    assert.equal(!friday.open && new Date(friday.nextOpenMs!).toISOString(), "2026-03-06T14:00:00.000Z");
    const weekend = windowState(production, at("2026-03-07T12:00"));
    assert.equal(!weekend.open && new Date(weekend.nextOpenMs!).toISOString(), "2026-03-09T13:00:00.000Z");
  });

  it("keeps 09:00 local across the November daylight-saving change", () => {
    // Clocks go back on Sunday 2026-11-01: Monday 09:00 is 14:00 UTC again.
    const weekend = windowState(production, at("2026-10-31T12:00"));
    assert.equal(!weekend.open && new Date(weekend.nextOpenMs!).toISOString(), "2026-11-02T14:00:00.000Z");
    assert.equal(windowState(production, Date.parse("2026-11-02T13:59:00Z")).open, false);
    assert.equal(windowState(production, Date.parse("2026-11-02T14:00:00Z")).open, true);
  });

  it("refuses during a date-range freeze and opens at the first window after it", () => {
    const frozen: Windows = {
      ...production,
      freezes: [{ kind: "range", name: "year end", from: "2026-12-21", to: "2027-01-01" }],
    };
    const state = windowState(frozen, at("2026-12-22T10:00"));
    assert.equal(state.open, false);
    assert.equal(!state.open && state.frozenBy, "year end");
    assert.equal(!state.open && state.nextOpenMs, at("2027-01-04T09:00"));
  });

  it("refuses during a recurring freeze and closes early when one starts inside an opening", () => {
    const monthly: Windows = {
      ...production,
      freezes: [{ kind: "recurring", name: "payroll", cron: "0 14 15 * *", durationMs: 4 * 3_600_000 }],
    };
    const open = windowState(monthly, at("2026-12-15T10:00"));
    assert.equal(open.open && !open.always && open.closesAtMs, at("2026-12-15T14:00"));
    const frozen = windowState(monthly, at("2026-12-15T15:00"));
    assert.equal(!frozen.open && frozen.frozenBy, "payroll");
    assert.equal(!frozen.open && frozen.nextOpenMs, at("2026-12-16T09:00"));
  });
});
