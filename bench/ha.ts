/**
 * Several servers on one PostgreSQL database: step transitions per second with 1, 2 and 3 real
 * `quikship server` processes (every environment on the counting target, no delay), and the
 * failover from a SIGKILL of the server executing a run to that run's next step on another server,
 * with the default lease (3 s) and worker look (1 s).
 */
import { Cluster, ENVIRONMENTS, sleep } from "../test/ha/support.js";
import type { Node } from "../test/ha/support.js";
import { summarize } from "./support.js";

const RUNS = 40;
const STEPS = 25;
const KILLS = 5;
const FAILOVER_TARGET_MS = 5000;

/** Submits `RUNS` no-op runs of `STEPS` steps through the servers in turn; transitions (two per step) per second until all succeeded. */
async function throughput(cluster: Cluster): Promise<number> {
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: RUNS }, (_, i) => submitNoop(cluster, cluster.nodes[i % cluster.nodes.length]!, STEPS, i)),
  );
  for (;;) {
    const done = await cluster.db.kysely
      .selectFrom("runs")
      .select("id")
      .where("id", "in", ids)
      .where("status", "in", ["succeeded", "failed", "cancelled"])
      .execute();
    if (done.length === ids.length) break;
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  return (RUNS * STEPS * 2) / seconds;
}

async function submitNoop(cluster: Cluster, node: Node, steps: number, i: number): Promise<string> {
  const environment = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
  const run = await cluster.request<{ id: string }>(node, "POST", "/v1/runs", {
    kind: "noop",
    environment,
    services: [],
    params: { steps },
  });
  return run.id;
}

const alive = (cluster: Cluster): Node[] =>
  cluster.nodes.filter((n) => n.server.child.exitCode === null && n.server.child.signalCode === null);

/**
 * One kill: a long run executes; its server is SIGKILLed; milliseconds from the kill to the start of
 * the run's next step, written by another server. The killed server is replaced.
 */
async function failoverOnce(cluster: Cluster, i: number): Promise<number> {
  const [via] = alive(cluster);
  const id = await submitNoop(cluster, via!, 1000, i);
  const pids = new Map(
    (await cluster.db.kysely.selectFrom("servers").select(["id", "pid"]).execute()).map((s) => [s.id, s.pid]),
  );
  let holder: Node | undefined;
  while (!holder) {
    const row = await cluster.db.kysely
      .selectFrom("runs")
      .select(["lease_owner", "started_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const steps = await cluster.db.kysely
      .selectFrom("run_steps")
      .select("key")
      .where("run_id", "=", id)
      .where("status", "=", "succeeded")
      .execute();
    // Some steps done: the run is well under way on its server.
    if (row.lease_owner && steps.length >= 5)
      holder = alive(cluster).find((n) => n.server.child.pid === pids.get(row.lease_owner!));
    else await sleep(20);
  }
  holder.server.child.kill("SIGKILL");
  const killedAt = Date.now();
  await holder.server.exited;
  let ms: number | undefined;
  while (ms === undefined) {
    const next = await cluster.db.kysely
      .selectFrom("run_steps")
      .select((eb) => eb.fn.min("started_at").as("at"))
      .where("run_id", "=", id)
      .where("started_at", ">", killedAt)
      .executeTakeFirst();
    if (next?.at != null) ms = Number(next.at) - killedAt;
    else await sleep(10);
  }
  await cluster.request(alive(cluster)[0]!, "POST", `/v1/runs/${id}/cancel`, { reason: "bench" });
  await cluster.add(0);
  return ms;
}

export async function benchHa(): Promise<void> {
  console.log("\n# several servers on one PostgreSQL database (real server processes, counting target)");
  const cluster = new Cluster();
  try {
    await cluster.start(1, 0);
    for (let servers = 1; servers <= 3; servers++) {
      if (servers > 1) await cluster.add(0);
      const perSecond = await throughput(cluster);
      console.log(
        `${`${RUNS} runs × ${STEPS} no-op steps, ${servers} server${servers === 1 ? "" : "s"}`.padEnd(58)} ${perSecond.toFixed(0)} step transitions/s`,
      );
    }
    const samples: number[] = [];
    for (let i = 0; i < KILLS; i++) samples.push(await failoverOnce(cluster, i));
    const f = summarize(samples);
    const met = f.median <= FAILOVER_TARGET_MS ? "met" : "MISSED";
    console.log(
      `${`failover: SIGKILL → next step on another server (${KILLS} kills)`.padEnd(58)} min ${f.min} ms  median ${f.median} ms  max ${f.max} ms  target median ≤ ${FAILOVER_TARGET_MS} ms: ${met}`,
    );
    console.log(`${"  defaults".padEnd(58)} lease 3 s renewed every 1 s; a server looks for ready runs every 1 s`);
  } finally {
    await cluster.stop();
  }
}
