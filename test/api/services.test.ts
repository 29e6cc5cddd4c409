import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { after, afterEach, beforeEach, it } from "node:test";
import type { HistoryView, PreviewView, StatusView } from "../../src/api/service-schemas.js";
import type { Db } from "../../src/store/db.js";
import { activateRevision, createRevision, setRevisionStatus } from "../../src/store/revisions/write.js";
import { LocalTarget } from "../../src/targets/local.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { queuedRun } from "../support/runs.js";
import { clearTables, errorOf, PLATFORM_YAML, startTestApp, T0 } from "./support.js";
import type { TestApp } from "./support.js";

after(removeTrees);

/** The test platform with a secret, and qa behind an approval and a New York window. */
const GATED_YAML = `${PLATFORM_YAML}variableGroups:
  Global: { kind: global, variables: { logLevel: info } }
  QA: { kind: environment, environments: [qa], variables: { apiKey: { secret: "keyvault:QA-API-KEY" } } }
`.replace(
  "    router: { port: 7102 }\n",
  `    router: { port: 7102 }
    approvals: { groups: [Platform], policy: any, timeout: 1h }
    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "16:00" }] }
`,
);

/** A revision of a service, made active unless told otherwise, as a finished deploy leaves it. */
async function deployed(
  db: Db,
  environment: string,
  service: string,
  tag: string,
  status: "active" | "failed" = "active",
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await createRevision(tx, {
      environment,
      service,
      tag,
      replicas: 2,
      runId: `run-${tag}`,
      detail: { cause: "deploy", actor: "bob" },
      now: T0,
    });
    if (status === "active") await activateRevision(tx, environment, service, row.number, T0 + 1000, false);
    else await setRevisionStatus(tx, environment, service, row.number, status, T0);
    return row.number;
  });
}

async function clearState(db: Db): Promise<void> {
  await clearTables(db);
  await db.kysely.deleteFrom("revisions").execute();
  await db.kysely.deleteFrom("runs").execute();
}

/** A local target whose agent must never be started by a read. */
function untouchableLocal(): { target: LocalTarget; started: () => number } {
  let calls = 0;
  const target = new LocalTarget(() => {
    calls++;
    return Promise.reject(new Error("a read started the agent"));
  });
  return { target, started: () => calls };
}

forEachDatabase("the status, history, logs and preview API", (t) => {
  let s: TestApp;
  let bob: string;
  const local = untouchableLocal();
  const open = async (options: Parameters<typeof startTestApp>[1] = {}): Promise<void> => {
    s = await startTestApp(t.db, options);
    bob = (await s.tokenFor("bob")).token;
  };
  beforeEach(() => clearState(t.db));
  afterEach(() => s.close());

  const get = (url: string) => s.app.inject({ url, headers: s.auth(bob) });
  const status = async (query = "") => {
    const res = await get(`/v1/status${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<StatusView>();
  };

  it("answers every environment in ladder order with every service, none deployed", async () => {
    await open();
    const view = await status();
    assert.equal(view.at, T0);
    assert.deepEqual(
      view.environments.map((e) => [e.environment, e.position, e.target, e.router]),
      [
        ["dev", 0, "fake", null],
        ["qa", 1, "fake", null],
      ],
    );
    assert.deepEqual(
      view.environments[0]?.services.map((x) => [x.service, x.health, x.revision, x.desired]),
      [
        ["web", "not-deployed", null, 0],
        ["api", "not-deployed", null, 0],
      ],
    );
  });

  it("shows the active revision and tag from the store, and replicas, weights and health from the target", async () => {
    await open();
    const n = await deployed(t.db, "dev", "web", "v1.0.0");
    s.target.run("dev", "web", { revision: n, tag: "v1.0.0", desired: 2, ready: 1, restarts: 3 });
    const web = (await status("?environment=dev")).environments[0]?.services.find((x) => x.service === "web");
    assert.deepEqual(web, {
      service: "web",
      revision: n,
      tag: "v1.0.0",
      digest: null,
      activatedAt: T0 + 1000,
      desired: 2,
      ready: 1,
      restarts: 3,
      weights: { [n]: 100 },
      revisions: [{ revision: n, tag: "v1.0.0", desired: 2, ready: 1, restarts: 3, problems: [] }],
      health: "degraded",
      message: "1 of 2 instances ready",
      rolloutInProgress: null,
    });
  });

  it("shows a deploy's new revision in the answer right after it, though the previous answer was just made", async () => {
    await open();
    const first = await deployed(t.db, "dev", "web", "v1.0.0");
    const web = async () =>
      (await status("?environment=dev")).environments[0]?.services.find((x) => x.service === "web");
    assert.deepEqual([(await web())?.revision, (await web())?.tag], [first, "v1.0.0"]);
    // Straight after, within the second target answers are reused, and with no engine notification.
    const second = await deployed(t.db, "dev", "web", "v2.0.0");
    const [during, after] = await Promise.all([web(), web()]);
    assert.deepEqual(
      [during?.revision, during?.tag, after?.revision, after?.tag],
      [second, "v2.0.0", second, "v2.0.0"],
    );
    const res = await get("/v1/status");
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    assert.equal(res.json<StatusView>().environments[0]?.services.find((x) => x.service === "web")?.tag, "v2.0.0");
  });

  it("serves one snapshot until something changes, and sends it gzipped to a client that asks", async () => {
    await open();
    await deployed(t.db, "dev", "web", "v1.0.0");
    const first = await status();
    s.clock.advance(5_000);
    // Nothing was written and no run changed: the same snapshot, read when it was made.
    assert.equal((await status()).at, first.at);
    const zipped = await s.app.inject({
      url: "/v1/status",
      headers: { ...s.auth(bob), "accept-encoding": "br;q=1, gzip;q=0.5" },
    });
    assert.deepEqual(
      [zipped.statusCode, zipped.headers["content-encoding"], zipped.headers.vary],
      [200, "gzip", "accept-encoding"],
    );
    assert.deepEqual(JSON.parse(gunzipSync(zipped.rawPayload).toString()), first);
    const refused = await s.app.inject({
      url: "/v1/status",
      headers: { ...s.auth(bob), "accept-encoding": "gzip;q=0, identity" },
    });
    assert.deepEqual([refused.headers["content-encoding"], refused.json<StatusView>().at], [undefined, first.at]);
    // A write through the store makes the next answer a new read.
    await deployed(t.db, "qa", "api", "v1.0.0");
    const after = await status();
    assert.equal(after.at, T0 + 5_000);
    assert.equal(after.environments[1]?.services.find((x) => x.service === "api")?.tag, "v1.0.0");
  });

  it("marks a service with an unfinished deploy, rollback, restart or scale as a rollout in progress, until the run ends", async () => {
    await open();
    const run = await s.engine.submit(
      { kind: "scale", environment: "qa", services: ["api"], params: { replicas: 3 } },
      "bob",
    );
    await s.engine.submit({ kind: "noop", environment: "qa", services: ["web"], params: {} }, "bob");
    const services = async () =>
      (await status("?environment=qa")).environments[0]!.services.map((x) => [x.service, x.rolloutInProgress]);
    assert.deepEqual(await services(), [
      ["web", null],
      ["api", { runId: run.id, kind: "scale", status: "queued" }],
    ]);
    s.engine.setStatus(run.id, "succeeded");
    assert.deepEqual(await services(), [
      ["web", null],
      ["api", null],
    ]);
  });

  it("reports unknown with the target's message when it cannot answer, never a 500", async () => {
    await open();
    await deployed(t.db, "qa", "api", "v1.0.0");
    s.target.failure = new Error("the cluster is unreachable");
    const api = (await status("?environment=qa")).environments[0]?.services.find((x) => x.service === "api");
    assert.deepEqual(
      [api?.health, api?.message, api?.tag, api?.desired],
      ["unknown", "the cluster is unreachable", "v1.0.0", null],
    );
  });

  it("never starts a local agent: without one, deployed services are unknown and there is no router", async () => {
    await open({ targets: (fake) => fakeTargets({ dev: local.target }, fake) });
    await deployed(t.db, "dev", "api", "v1.0.0");
    const dev = (await status("?environment=dev")).environments[0]!;
    assert.deepEqual([dev.target, dev.router], ["local", null]);
    assert.deepEqual(
      dev.services.map((x) => [x.service, x.health]),
      [
        ["web", "not-deployed"],
        ["api", "unknown"],
      ],
    );
    assert.match(dev.services[1]?.message ?? "", /no local agent runs/);
    assert.equal(local.started(), 0);
  });

  it("refuses an unknown environment with 404 naming the nearest", async () => {
    await open();
    const res = await get("/v1/status?environment=qq");
    assert.equal(res.statusCode, 404);
    assert.match(errorOf(res).message, /unknown environment "qq" \(did you mean "qa"\?/);
  });

  it("lists a service's revisions newest first, with their cause and actor", async () => {
    await open();
    await deployed(t.db, "dev", "web", "v1.0.0");
    await deployed(t.db, "dev", "web", "v1.1.0-crash", "failed");
    await deployed(t.db, "dev", "api", "v9");
    const res = await get("/v1/history/dev/web");
    assert.equal(res.statusCode, 200, res.body);
    const history = res.json<HistoryView>();
    assert.deepEqual([history.environment, history.service], ["dev", "web"]);
    assert.deepEqual(
      history.revisions.map((r) => [
        r.revision,
        r.tag,
        r.replicas,
        r.status,
        r.runId,
        r.createdAt,
        r.activatedAt,
        r.cause,
        r.actor,
      ]),
      [
        [2, "v1.1.0-crash", 2, "failed", "run-v1.1.0-crash", T0, null, "deploy", "bob"],
        [1, "v1.0.0", 2, "active", "run-v1.0.0", T0, T0 + 1000, "deploy", "bob"],
      ],
    );
    assert.deepEqual(
      (await get("/v1/history/dev/web?limit=1")).json<HistoryView>().revisions.map((r) => r.revision),
      [2],
    );
  });

  it("refuses history and logs of unknown names with 404 naming the nearest", async () => {
    await open();
    for (const url of ["/v1/history/qq/web", "/v1/logs/qq/web"])
      assert.match(errorOf(await get(url)).message, /unknown environment "qq" \(did you mean "qa"\?/);
    for (const url of ["/v1/history/dev/wbe", "/v1/logs/dev/wbe"]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404);
      assert.match(errorOf(res).message, /unknown service "wbe" \(did you mean "web"\?/);
    }
  });

  it("refuses logs of an environment that is not on the local target with 409", async () => {
    await open();
    const res = await get("/v1/logs/dev/web");
    assert.equal(res.statusCode, 409);
    assert.deepEqual(
      [errorOf(res).kind, errorOf(res).message],
      ["conflict", "dev runs on the fake target; instance logs are kept by the local target only"],
    );
  });

  it("refuses logs with 503 when no local agent runs, without starting one", async () => {
    await open({ targets: (fake) => fakeTargets({ dev: local.target }, fake) });
    const res = await get("/v1/logs/dev/web?revision=1&after=5");
    assert.equal(res.statusCode, 503);
    assert.equal(errorOf(res).kind, "unavailable");
    assert.match(errorOf(res).message, /no local agent runs, so no instance of web runs in dev/);
    assert.equal(local.started(), 0);
    const bad = await get("/v1/logs/dev/web?revision=zero");
    assert.deepEqual(
      (errorOf(bad).details as { issues: { path: string }[] }).issues.map((i) => i.path),
      ["query.revision"],
    );
  });

  const preview = (payload: object) =>
    s.app.inject({ method: "POST", url: "/v1/preview", headers: s.auth(bob), payload });

  it("previews a deploy: revisions, replicas, strategy, masked secrets and the gates, changing nothing", async () => {
    await open({ platformYaml: GATED_YAML });
    await deployed(t.db, "qa", "web", "v1.0.0");
    await t.db.kysely
      .insertInto("runs")
      .values(queuedRun("run-held", T0, { environment: "qa", service: "api" }))
      .execute();
    await t.db.kysely
      .insertInto("locks")
      .values({ environment: "qa", service: "api", run_id: "run-held", acquired_at: T0 })
      .execute();
    const res = await preview({ environment: "qa", services: ["all"], tag: "v1.1.0" });
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json<PreviewView>();
    assert.deepEqual(view.gates, {
      approvals: { groups: ["Platform"], policy: "any", timeout: "1h", preventSelfApproval: true },
      window: {
        open: false,
        always: false,
        closesAt: null,
        nextOpening: { local: "Mon 2026-01-05 09:00 America/New_York", utc: "2026-01-05T14:00:00Z" },
        reason: "outside the deployment window",
      },
      lockPolicy: "sequential",
    });
    const [web, api] = view.services;
    assert.deepEqual(
      [web?.service, web?.change, web?.current, web?.next, web?.lock],
      ["web", "update", { revision: 1, tag: "v1.0.0", replicas: 2 }, { tag: "v1.1.0", replicas: 1 }, null],
    );
    assert.deepEqual(
      [api?.service, api?.change, api?.current, api?.lock],
      ["api", "install", null, { heldBy: "run-held", since: T0 }],
    );
    assert.deepEqual(web?.variables.apiKey, {
      value: "********",
      secret: true,
      reference: "keyvault:QA-API-KEY",
      source: "QA",
      overrides: [],
    });
    assert.deepEqual(web?.strategy, {
      type: "rolling",
      maxSurge: 1,
      maxUnavailable: 0,
      source: "environment",
      traffic: "weights",
    });
    assert.deepEqual(await s.engine.list({}), []);
    assert.equal((await t.db.kysely.selectFrom("revisions").selectAll().execute()).length, 1);
  });

  it("refuses a preview with a malformed tag or unknown names as a deploy would, creating nothing", async () => {
    await open();
    const tag = await preview({ environment: "dev", services: ["web"], tag: "v1 beta" });
    assert.equal(tag.statusCode, 400);
    assert.match(errorOf(tag).message, /params\.tag must be an image tag/);
    const service = await preview({ environment: "dev", services: ["wbe"], tag: "v1" });
    assert.equal(service.statusCode, 404);
    assert.match(errorOf(service).message, /unknown service "wbe" \(did you mean "web"\?/);
    const missing = await preview({ environment: "dev", services: [] });
    assert.deepEqual((errorOf(missing).details as { issues: { path: string }[] }).issues.map((i) => i.path).sort(), [
      "body.services",
      "body.tag",
    ]);
    assert.deepEqual(await s.engine.list({}), []);
    assert.deepEqual(
      await t.db.kysely.selectFrom("audit").select("action").where("action", "!=", "token.create").execute(),
      [],
    );
  });
});
