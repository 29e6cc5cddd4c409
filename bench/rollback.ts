import { rmSync } from "node:fs";
import { join } from "node:path";
import { ensureAgent } from "../src/local/agent/client.js";
import { Api, DEMO, localPlatform, startLocal } from "../test/local/e2e-support.js";
import { summarize } from "./support.js";

/**
 * Time from a rollback request to all traffic on the previous revision, when that revision still
 * runs (as a standby after a switch, or while a rollout is under way): the rollback only moves
 * traffic. Measured through the real server, agent and router, as a client sees it.
 */
export async function benchRollback(): Promise<void> {
  console.log("\n# rollback to a revision that still runs");
  const { dir, config, state } = localPlatform();
  const server = await startLocal(config, state);
  try {
    const api = new Api(server, state);
    const router = `${server.routers.dev}/api/`;
    const agent = await ensureAgent({ stateDir: state, startIfMissing: false });
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const from = `v${i}.0.0`;
      const to = `v${i}.1.0`;
      for (const tag of [from, to])
        if ((await api.finished((await api.submit("deploy", ["api"], { tag })).id)).status !== "succeeded")
          throw new Error(`deploy ${tag} failed`);
      // Keep the previous revision running beside the new one, as a standby is kept.
      const history = (await api.call<{ revisions: { revision: number; tag: string }[] }>("GET", "/v1/history/dev/api"))
        .body.revisions;
      const previous = history.find((r) => r.tag === from);
      if (!previous) throw new Error("no previous revision in the history");
      await agent.applyRevision({
        environment: "dev",
        service: "api",
        revision: previous.revision,
        tag: from,
        replicas: 1,
        command: ["node", DEMO],
        cwd: dir,
        healthPath: "/health",
        env: {},
        secretNames: [],
      });
      for (
        let wait = 0;
        wait < 100 &&
        !(await agent.status("dev"))
          .find((s) => s.service === "api")
          ?.revisions.find((r) => r.revision === previous.revision && r.ready === 1);
        wait++
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const start = performance.now();
      await api.submit("rollback", ["api"]);
      for (;;) {
        const body = (await (await fetch(router)).json()) as { version: string };
        if (body.version === from && (await allOn(router, from))) break;
        if (performance.now() - start > 30_000) throw new Error("rollback did not complete in 30 s");
      }
      samples.push(performance.now() - start);
    }
    const f = summarize(samples);
    console.log(
      `${"rollback command → 100% on the previous revision".padEnd(58)} min ${f.min.toFixed(0)} ms  median ${f.median.toFixed(0)} ms  max ${f.max.toFixed(0)} ms  target ≤ 1000 ms: ${f.median <= 1000 ? "met" : "MISSED"}`,
    );
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(join(dir), { recursive: true, force: true });
  }
}

/** Twenty requests in a row all answered by `version`. */
async function allOn(url: string, version: string): Promise<boolean> {
  for (let i = 0; i < 20; i++)
    if (((await (await fetch(url)).json()) as { version: string }).version !== version) return false;
  return true;
}
