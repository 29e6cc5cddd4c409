import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProcReader } from "./usage.js";
import { linuxProc, UsageSampler } from "./usage.js";

/** A process table a test writes: CPU ticks and resident bytes per pid, on a machine of 1,000 bytes at 100 ticks a second. */
function table(): { proc: ProcReader; ticks: Map<number, number>; rss: Map<number, number> } {
  const ticks = new Map<number, number>();
  const rss = new Map<number, number>();
  return {
    proc: {
      cpuTicks: (pid) => ticks.get(pid),
      residentBytes: (pid) => rss.get(pid),
      ticksPerSecond: 100,
      totalBytes: 1_000,
    },
    ticks,
    rss,
  };
}

describe("instance CPU and memory", () => {
  it("gives memory at once and CPU from the second sample, averaged per instance", () => {
    const { proc, ticks, rss } = table();
    let now = 0;
    const sampler = new UsageSampler(proc, () => now);
    ticks.set(1, 1_000).set(2, 50);
    rss.set(1, 100).set(2, 300);
    assert.deepEqual(sampler.usage([1, 2]), { cpuPercent: null, memoryPercent: 20 });
    now = 2_000;
    ticks.set(1, 1_100).set(2, 90); // 1 s and 0.4 s of CPU over 2 s
    assert.deepEqual(sampler.usage([1, 2]), { cpuPercent: 35, memoryPercent: 20 });
    now = 2_100;
    ticks.set(1, 1_200);
    assert.equal(sampler.usage([1]).cpuPercent, 50, "too soon for a new figure: the last one stands");
  });

  it("starts over for a pid whose CPU time went down, and skips processes that are gone", () => {
    const { proc, ticks, rss } = table();
    let now = 0;
    const sampler = new UsageSampler(proc, () => now);
    ticks.set(1, 500);
    sampler.usage([1, 9]);
    now = 1_000;
    ticks.set(1, 10);
    rss.set(1, 10);
    assert.deepEqual(sampler.usage([1, 9]), { cpuPercent: null, memoryPercent: 1 });
  });

  it("measures nothing where there is no /proc", () => {
    assert.deepEqual(new UsageSampler(null).usage([process.pid]), { cpuPercent: null, memoryPercent: null });
  });

  it("reads this very process on Linux", { skip: process.platform !== "linux" }, () => {
    const proc = linuxProc()!;
    assert.ok((proc.cpuTicks(process.pid) ?? -1) >= 0);
    assert.ok((proc.residentBytes(process.pid) ?? 0) > 1_000_000);
  });
});
