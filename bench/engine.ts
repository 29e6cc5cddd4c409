import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlatform } from "../src/config/load.js";
import { systemClock } from "../src/engine/clock.js";
import { createEngine } from "../src/engine/index.js";
import type { StepHandler } from "../src/engine/steps/handler.js";
import { openDatabase } from "../src/store/database.js";
import type { Db } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { createTestDatabase, startPostgres } from "../test/support/postgres.js";
import { summarize } from "./support.js";

const PLATFORM = `version: 1
name: bench
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments: { dev: { tier: nonprod } }
`;

function platform() {
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-"));
  const file = join(dir, "quikship.yaml");
  writeFileSync(file, PLATFORM);
  const result = loadPlatform(file);
  rmSync(dir, { recursive: true, force: true });
  if (!result.ok) throw new Error("bench platform invalid");
  return result.platform;
}

/** Median time of one persisted step transition: a no-op step costs two (running, succeeded). */
async function transitionLatency(db: Db, steps: number): Promise<{ median: number; min: number; max: number }> {
  const stamps: number[] = [];
  const stamp: StepHandler = {
    kind: "noop",
    run: () => (stamps.push(performance.now()), Promise.resolve({ outcome: "done" })),
  };
  const engine = createEngine({
    db,
    platform: platform(),
    clock: systemClock,
    handlers: [stamp],
    concurrency: 1,
    pollMs: 5,
  });
  engine.start();
  const run = await engine.api.submit({ kind: "noop", environment: "dev", services: [], params: { steps } }, "bench");
  while ((await engine.api.get(run.id)).status !== "succeeded") await new Promise((r) => setTimeout(r, 20));
  await engine.stop();
  const gaps = stamps.slice(1).map((t, i) => (t - stamps[i]!) / 2);
  return summarize(gaps);
}

/** Step transitions per second with `runs` runs of `steps` no-op steps submitted at once. */
async function throughput(db: Db, runs: number, steps: number): Promise<number> {
  const engine = createEngine({ db, platform: platform(), clock: systemClock, concurrency: 32, pollMs: 5 });
  const start = performance.now();
  engine.start();
  const ids = await Promise.all(
    Array.from({ length: runs }, () =>
      engine.api.submit({ kind: "noop", environment: "dev", services: [], params: { steps } }, "bench"),
    ),
  );
  for (const { id } of ids)
    while ((await engine.api.get(id)).status !== "succeeded") await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  await engine.stop();
  return (runs * steps * 2) / seconds;
}

async function benchOn(name: string, db: Db): Promise<void> {
  await migrate(db);
  const latency = await transitionLatency(db, 300);
  const target = name === "SQLite" ? "  target median ≤ 2 ms: " + (latency.median <= 2 ? "met" : "MISSED") : "";
  console.log(
    `${`persisted step transition, ${name}`.padEnd(58)} min ${latency.min.toFixed(2)} ms  median ${latency.median.toFixed(2)} ms  max ${latency.max.toFixed(2)} ms${target}`,
  );
  const perSecond = await throughput(db, 100, 10);
  console.log(
    `${`100 concurrent runs × 10 steps, ${name}`.padEnd(58)} ${perSecond.toFixed(0)} step transitions/s  target ≥ 300/s: ${perSecond >= 300 ? "met" : "MISSED"}`,
  );
}

export async function benchEngine(): Promise<void> {
  console.log("\n# run engine");
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-db-"));
  const sqlite = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  try {
    await benchOn("SQLite", sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await startPostgres();
  try {
    const database = await createTestDatabase(server.url);
    const pg = await openDatabase({ url: database.url });
    try {
      await benchOn("PostgreSQL", pg);
    } finally {
      await pg.close();
      await database.drop();
    }
  } finally {
    await server.stop();
  }
}
