import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import { ManualClock } from "../../src/engine/clock.js";
import { commandLine } from "../../src/local/agent/proc.js";
import type { Backend, Router, RouterFactory } from "../../src/local/agent/routing.js";
import type { SupervisorEvent, SupervisorOptions } from "../../src/local/agent/supervisor.js";
import { Supervisor } from "../../src/local/agent/supervisor.js";
import { gone, killAll, SECRET, spec, until, workspace } from "./agent-support.js";

const ws = workspace();
const started = new Set<number>();
let supervisor: Supervisor | undefined;
/** Every setRoutes the supervisor made, in order. */
let told: { service: string; backends: Backend[] }[] = [];

const fakeRouter: RouterFactory = ({ environment }) => {
  const router: Router = {
    port: 1,
    url: `http://router.${environment}`,
    setRoutes: (service, backends) => told.push({ service, backends: structuredClone(backends) }),
    removeService: (service) => told.push({ service, backends: [] }),
    setPreview: () => {},
    setGuard: () => {},
    guardState: () => null,
    traffic: () => [],
    prometheus: () => "",
    close: () => Promise.resolve(),
  };
  return router;
};

function start(options: Partial<SupervisorOptions> = {}): Supervisor {
  told = [];
  supervisor = new Supervisor({
    stateDir: ws.state,
    createRouter: fakeRouter,
    ...options,
    onEvent: (e) => {
      if (e.kind === "started") started.add(e.pid);
      options.onEvent?.(e);
    },
  });
  return supervisor;
}

const revision = (s: Supervisor, number = 1) => s.status("dev")[0]?.revisions.find((r) => r.revision === number);
const readyCount = (s: Supervisor) => revision(s)?.ready ?? 0;

afterEach(async () => {
  await supervisor?.close();
  supervisor = undefined;
});

after(async () => {
  killAll(started);
  await gone([...started]);
  rmSync(ws.dir, { recursive: true, force: true });
});

describe("the supervisor", () => {
  it("starts instances with their variables, keeps secrets off command lines and masks them in logs", async () => {
    const s = start({
      inheritFrom: { PATH: process.env.PATH, HOME: "/home/someone", AWS_SECRET: "not-for-instances" },
    });
    await s.ensureRouter("dev");
    await s.applyRevision(spec(ws.script));
    const [instance] = (await until("the instance is ready", () => readyCount(s) === 1 && revision(s))).instances;
    assert.ok(instance?.pid);
    const env = (await (await fetch(`http://127.0.0.1:${instance.port}/env`)).json()) as Record<string, string>;
    assert.equal(env.PORT, String(instance.port));
    assert.equal(env.SERVICE_NAME, "api");
    assert.equal(env.VERSION, "v1.0.0");
    assert.equal(env.ENVIRONMENT, "dev");
    assert.equal(env.API_KEY, SECRET);
    assert.equal(env.GREETING, "hello");
    assert.equal(env.HOME, "/home/someone");
    assert.equal(env.AWS_SECRET, undefined, "only PATH, HOME, LANG and TZ are inherited");

    assert.ok(!(commandLine(instance.pid) ?? []).join(" ").includes(SECRET), "the secret is not on the command line");
    const lines = await until("the instance logged", () => {
      const l = s.logs("dev", "api");
      return l.some((x) => x.text.startsWith("listening")) && l.some((x) => x.stream === "stderr") && l;
    });
    const listening = lines.find((l) => l.text.startsWith("listening"));
    assert.equal(listening?.text, `listening on ${instance.port} with key ********`);
    assert.equal(listening?.instance, instance.id);
    assert.ok(lines.every((l, i) => i === 0 || l.seq > lines[i - 1]!.seq));
    const file = readFileSync(join(ws.state, "logs", "dev", "api", "1.log"), "utf8");
    assert.match(file, /listening on \d+ with key \*{8}/);
    assert.ok(!file.includes(SECRET), "the log file has no secret");

    assert.deepEqual(told.at(-1), {
      service: "api",
      backends: [
        { revision: 1, weight: 100, targets: [{ id: instance.id, url: `http://127.0.0.1:${instance.port}` }] },
      ],
    });
  });

  it("restarts a killed instance, counts the restart and routes to it again once ready", async () => {
    const s = start();
    await s.ensureRouter("dev");
    await s.applyRevision(spec(ws.script));
    const first = (await until("ready", () => readyCount(s) === 1 && revision(s))).instances[0]!;
    process.kill(first.pid!, "SIGKILL");
    const again = await until("restarted and ready", () => {
      const i = revision(s)?.instances[0];
      return i?.state === "ready" && i.pid !== first.pid && i;
    });
    assert.equal(again.restarts, 1);
    assert.equal(again.id, first.id);
    assert.equal(revision(s)?.restarts, 1);
    assert.ok(
      told.some((t) => t.backends[0]?.targets.length === 0),
      "the crashed instance left the routes",
    );
    assert.equal(told.at(-1)?.backends[0]?.targets.length, 1);
    assert.ok(
      s.logs("dev", "api").some((l) => l.stream === "agent" && /killed by SIGKILL; restarting in 250 ms/.test(l.text)),
    );
  });

  it("scales from 1 to 3 instances and back to 1, stopping the ones it drops", async () => {
    const s = start();
    await s.ensureRouter("dev");
    await s.applyRevision(spec(ws.script, { replicas: 1 }));
    await until("1 ready", () => readyCount(s) === 1);
    await s.applyRevision(spec(ws.script, { replicas: 3 }));
    const three = await until("3 ready", () => readyCount(s) === 3 && revision(s));
    assert.equal(new Set(three.instances.map((i) => i.port)).size, 3);
    assert.equal(told.at(-1)?.backends[0]?.targets.length, 3);

    const status = await s.applyRevision(spec(ws.script, { replicas: 1 }));
    assert.equal(status.desired, 1);
    assert.equal(status.instances.length, 1);
    const kept = status.instances[0]!.id;
    const dropped = three.instances.filter((i) => i.id !== kept).map((i) => i.pid!);
    assert.equal(dropped.length, 2);
    await gone(dropped);
    assert.deepEqual(
      told.at(-1)?.backends[0]?.targets.map((t) => t.id),
      [kept],
    );
  });

  it("replaces every instance on a rolling restart with a ready instance routed at every moment, once per key", async () => {
    const s = start();
    await s.ensureRouter("dev");
    await s.applyRevision(spec(ws.script, { replicas: 2 }));
    const before = await until("2 ready", () => readyCount(s) === 2 && revision(s));
    const toldBefore = told.length;
    let sampling = true;
    let lowestReady = Infinity;
    const sampler = (async () => {
      while (sampling) {
        lowestReady = Math.min(lowestReady, readyCount(s));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await s.restart("dev", "api", 1, { key: "restart-1" });
    sampling = false;
    await sampler;

    const after = revision(s)!;
    assert.equal(after.instances.length, 2);
    assert.equal(after.ready, 2);
    const oldIds = before.instances.map((i) => i.id);
    assert.ok(
      after.instances.every((i) => !oldIds.includes(i.id)),
      "every instance was replaced",
    );
    assert.ok(lowestReady >= 2, `ready instances fell to ${lowestReady}`);
    const during = told.slice(toldBefore);
    assert.ok(during.length >= 4, "the router heard of each replacement and each retirement");
    assert.ok(
      during.every((t) => (t.backends[0]?.targets.length ?? 0) >= 1),
      "the router always had a ready target",
    );
    await gone(before.instances.map((i) => i.pid!));

    await s.restart("dev", "api", 1, { key: "restart-1" });
    assert.deepEqual(
      revision(s)!.instances.map((i) => i.id),
      after.instances.map((i) => i.id),
      "a repeated key restarts nothing",
    );
  });

  it("keeps restarting a command that exits at once, with growing backoff, and reports it crashed", async () => {
    const clock = new ManualClock(0);
    const crashes: Extract<SupervisorEvent, { kind: "crashed" }>[] = [];
    const s = start({ clock, onEvent: (e) => void (e.kind === "crashed" && crashes.push(e)) });
    await s.applyRevision(spec(ws.script, { command: "echo starting; exit 3" }));
    for (const [n, delay] of [250, 500, 1_000, 2_000].entries()) {
      await until(`crash ${n + 1}`, () => crashes.length === n + 1);
      assert.equal(crashes[n]!.restartInMs, delay);
      assert.equal(crashes[n]!.exit, "exited with code 3");
      if (n < 3) clock.advance(delay);
    }
    const status = revision(s)!;
    assert.equal(status.instances[0]!.state, "crashed");
    assert.equal(status.instances[0]!.restarts, 3);
    assert.equal(status.restarts, 3);
    assert.equal(status.ready, 0);
    const lines = await until(
      "4 runs logged",
      () => s.logs("dev", "api").filter((l) => l.text === "starting").length === 4 && s.logs("dev", "api"),
    );
    assert.ok(lines.some((l) => l.text === "exited with code 3; restarting in 2000 ms"));
  });

  it("takes an instance out of the routes after 3 failed health probes and back once it answers", async () => {
    const clock = new ManualClock(0);
    const s = start({ clock });
    await s.ensureRouter("dev");
    await s.applyRevision(spec(ws.script));
    // Each poll moves time by one probe interval; the probes themselves are real HTTP.
    const stateAfter = (ms: number) => () => {
      clock.advance(ms);
      return revision(s)?.instances[0]?.state;
    };
    await until("ready", () => stateAfter(250)() === "ready");
    const instance = revision(s)!.instances[0]!;
    await (await fetch(`http://127.0.0.1:${instance.port}/sick`)).text();
    await until("unhealthy", () => stateAfter(2_000)() === "unhealthy");
    assert.deepEqual(told.at(-1)?.backends[0]?.targets, []);
    await (await fetch(`http://127.0.0.1:${instance.port}/well`)).text();
    await until("ready again", () => stateAfter(2_000)() === "ready");
    assert.equal(told.at(-1)?.backends[0]?.targets.length, 1);
    assert.equal(revision(s)?.restarts, 0, "an unhealthy instance is not restarted");
  });

  it("kills an instance that ignores SIGTERM once the grace time is over", async () => {
    const s = start({ stopGraceMs: 300 });
    await s.applyRevision(spec(ws.script, { env: { IGNORE_SIGTERM: "1" }, secretNames: [] }));
    const pid = (await until("ready", () => readyCount(s) === 1 && revision(s))).instances[0]!.pid!;
    const begun = Date.now();
    await s.deleteRevision("dev", "api", 1);
    assert.ok(Date.now() - begun >= 300, "it was given the grace time");
    await gone([pid]);
    assert.ok(s.logs("dev", "api").some((l) => l.text === "ignoring SIGTERM"));
    assert.ok(s.logs("dev", "api").some((l) => l.stream === "agent" && l.text === "stopped (killed by SIGKILL)"));
    assert.deepEqual(s.status(), []);
  });
});
