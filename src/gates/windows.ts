import { Cron } from "croner";
import { DateTime } from "luxon";
import type { Freeze, Weekday, Windows } from "../config/types.js";

/** Whether deployments may start at a moment, and when that changes. Pure: the moment is passed in. */
export type WindowState =
  | { open: true; always: true }
  | { open: true; always: false; closesAtMs: number }
  | { open: false; reason: string; frozenBy: string | undefined; nextOpenMs: number | undefined };

interface Interval {
  startMs: number;
  endMs: number;
  name: string;
}

const LUXON_WEEKDAY: Record<number, Weekday> = { 1: "mon", 2: "tue", 3: "wed", 4: "thu", 5: "fri", 6: "sat", 7: "sun" };
const HORIZON_DAYS = 400;

/** Weekly openings from the day before `fromMs` for `days` days, in order. Each is computed in the zone, so DST shifts are honoured. */
export function weeklyIntervals(windows: Windows, fromMs: number, days: number): Interval[] {
  const out: Interval[] = [];
  const first = DateTime.fromMillis(fromMs, { zone: windows.timezone }).startOf("day").minus({ days: 1 });
  for (let d = 0; d <= days; d++) {
    const day = first.plus({ days: d });
    const weekday = LUXON_WEEKDAY[day.weekday]!;
    for (const rule of windows.weekly) {
      if (!rule.days.includes(weekday)) continue;
      const start = day.set({ hour: Math.floor(rule.fromMinute / 60), minute: rule.fromMinute % 60 });
      const end =
        rule.toMinute === 1440
          ? day.plus({ days: 1 })
          : day.set({ hour: Math.floor(rule.toMinute / 60), minute: rule.toMinute % 60 });
      out.push({
        startMs: start.toMillis(),
        endMs: end.toMillis(),
        name: `${weekday} ${fmt(rule.fromMinute)}–${fmt(rule.toMinute)}`,
      });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

const fmt = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Freeze periods that overlap [fromMs, fromMs + days). */
export function freezeIntervals(windows: Windows, fromMs: number, days: number): Interval[] {
  const untilMs = fromMs + days * 86_400_000;
  return windows.freezes
    .flatMap((f) => occurrences(f, windows.timezone, fromMs, untilMs))
    .sort((a, b) => a.startMs - b.startMs);
}

function occurrences(freeze: Freeze, zone: string, fromMs: number, untilMs: number): Interval[] {
  switch (freeze.kind) {
    case "range":
      return [rangeInterval(freeze, zone)];
    case "recurring":
      return recurringIntervals(freeze, zone, fromMs, untilMs);
  }
}

function rangeInterval(freeze: Extract<Freeze, { kind: "range" }>, zone: string): Interval {
  const start = DateTime.fromISO(freeze.from, { zone });
  const to = DateTime.fromISO(freeze.to, { zone });
  const end = freeze.to.includes("T") ? to : to.plus({ days: 1 }).startOf("day");
  return { startMs: start.toMillis(), endMs: end.toMillis(), name: freeze.name };
}

function recurringIntervals(
  freeze: Extract<Freeze, { kind: "recurring" }>,
  zone: string,
  fromMs: number,
  untilMs: number,
): Interval[] {
  const cron = new Cron(freeze.cron, { timezone: zone, paused: true });
  const out: Interval[] = [];
  let cursor = new Date(fromMs - freeze.durationMs);
  for (let i = 0; i < 1000; i++) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() >= untilMs) break;
    out.push({ startMs: next.getTime(), endMs: next.getTime() + freeze.durationMs, name: freeze.name });
    cursor = next;
  }
  return out;
}

const inside = (ms: number, i: Interval): boolean => ms >= i.startMs && ms < i.endMs;

/** The state of an environment's windows at `nowMs`. No windows means always open. */
export function windowState(windows: Windows | undefined, nowMs: number): WindowState {
  if (!windows) return { open: true, always: true };
  const weekly = weeklyIntervals(windows, nowMs, HORIZON_DAYS);
  const freezes = freezeIntervals(windows, nowMs - 86_400_000, HORIZON_DAYS + 1);
  const frozen = freezes.find((f) => inside(nowMs, f));
  const current = weekly.find((w) => inside(nowMs, w));
  if (current && !frozen) {
    const nextFreeze = freezes.find((f) => f.startMs > nowMs && f.startMs < current.endMs);
    return { open: true, always: false, closesAtMs: nextFreeze?.startMs ?? current.endMs };
  }
  const nextOpenMs = earliestOpening(weekly, freezes, nowMs);
  const reason = frozen ? `frozen: ${frozen.name}` : "outside the deployment window";
  return { open: false, reason, frozenBy: frozen?.name, nextOpenMs };
}

function earliestOpening(weekly: Interval[], freezes: Interval[], nowMs: number): number | undefined {
  for (const w of weekly) {
    if (w.endMs <= nowMs) continue;
    let t = Math.max(w.startMs, nowMs);
    for (let moved = true; moved;) {
      moved = false;
      for (const f of freezes) {
        if (inside(t, f)) {
          t = f.endMs;
          moved = true;
        }
      }
    }
    if (t < w.endMs) return t;
  }
  return undefined;
}

/** A moment shown in a zone and in UTC: "2026-11-23 09:00 America/New_York (14:00 UTC)". */
export function describeMoment(ms: number, zone: string): { local: string; utc: string } {
  const local = DateTime.fromMillis(ms, { zone });
  const utc = DateTime.fromMillis(ms, { zone: "utc" });
  return {
    local: `${local.toFormat("ccc yyyy-MM-dd HH:mm")} ${zone}`,
    utc: utc.toISO({ suppressMilliseconds: true }) ?? "",
  };
}
