import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { createTestDatabase, startPostgres } from "../support/postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "../support/postgres.js";
import { refusedStart, startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { Cluster, sleep } from "./support.js";

interface Source {
  kind: string;
  version: number;
  commit?: string;
  refused?: { commit: string; errors: string[] };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(50);
  }
}

// One PostgreSQL server for the file; each describe has a database of its own.
let postgres: Promise<PostgresServer>;
before(() => {
  postgres = startPostgres();
});
after(async () => (await postgres).stop());

describe("one platform version for every server on the database", () => {
  const cluster = new Cluster();
  before(async () => cluster.start(2, 0, await postgres));
  after(() => cluster.stop());

  it("a reload on one server is in use on the other within three seconds", async () => {
    const [a, b] = cluster.nodes;
    const file = join(cluster.dir, "quikship.yaml");
    const before = await cluster.request<Source>(b!, "GET", "/v1/platform/source");
    assert.equal(before.kind, "file");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "e5: { tier: nonprod, from: e4 }",
        "e5: { tier: nonprod, from: e4 }, e6: { tier: nonprod, from: e5 }",
      ),
    );
    const reloaded = await cluster.request<{ outcome: string; version: number }>(a!, "POST", "/v1/platform/reload", {});
    assert.equal(reloaded.outcome, "reloaded");
    const started = Date.now();
    const names = await until("server B lists e6", 3000, async () => {
      const envs = await cluster.request<{ name: string }[]>(b!, "GET", "/v1/platform/environments");
      return envs.some((e) => e.name === "e6") ? envs.map((e) => e.name) : undefined;
    });
    assert.ok(Date.now() - started < 3000);
    assert.ok(names.includes("e6"));
    const after = await cluster.request<Source>(b!, "GET", "/v1/platform/source");
    assert.equal(after.version, reloaded.version);
    // B only followed: one version stored, by A.
    const rows = await cluster.db.kysely.selectFrom("platform_versions").select(["version", "source"]).execute();
    assert.deepEqual(
      rows.map((r) => r.source),
      ["startup", "reload"],
    );
  });
});

const GOOD = (environments: string): string => `version: 1
name: githa
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments: { ${environments} }
`;

/** A real git repository the servers fetch from over file://. */
class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), "quikship-platform-git-"));
  readonly work = join(this.dir, "repo");

  constructor() {
    mkdirSync(this.work);
    this.#git("init", "--quiet", "--initial-branch", "main");
  }

  get url(): string {
    return `file://${this.work}`;
  }

  commit(text: string, message: string): string {
    writeFileSync(join(this.work, "platform", "quikship.yaml"), text);
    this.#git("add", "-A");
    this.#git("commit", "--quiet", "-m", message);
    return this.#git("rev-parse", "HEAD").trim();
  }

  #git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.work,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  }
}

describe("the platform from a git ref, watched by three servers", () => {
  const SERVERS = [0, 1, 2];
  const repo = new Repo();
  let database: TestDatabaseHandle;
  let db: Db;
  const servers: { server: ServerProcess; token: string }[] = [];

  const request = async <T>(
    i: number,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const { server, token } = servers[i]!;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const source = async (i: number): Promise<Source> => (await request<Source>(i, "GET", "/v1/platform/source")).body;
  const environments = async (i: number): Promise<string[]> =>
    (await request<{ name: string }[]>(i, "GET", "/v1/platform/environments")).body.map((e) => e.name);
  /** The qa environment's window as server `i` has it: its zone and the days of its weekly openings. */
  const qaWindow = async (i: number): Promise<{ timezone: string; days: string[] } | null> => {
    const all = await request<{ name: string; windows: { timezone: string; weekly: { days: string[] }[] } | null }[]>(
      i,
      "GET",
      "/v1/platform/environments",
    );
    const qa = all.body.find((e) => e.name === "qa")?.windows;
    return qa ? { timezone: qa.timezone, days: qa.weekly.flatMap((w) => w.days) } : null;
  };
  /** Waits until every server uses `commit` (each polls the ref every second); how long that took. */
  const adopted = async (commit: string): Promise<number> => {
    const started = Date.now();
    await Promise.all(
      SERVERS.map((i) =>
        until(`server ${i} uses ${commit}`, 10_000, async () =>
          (await source(i)).commit === commit ? true : undefined,
        ),
      ),
    );
    return Date.now() - started;
  };
  /** The stored versions and the `platform.version` audit entries read from `commit`. */
  const recorded = async (commit: string): Promise<{ versions: number; audit: { changes: { path: string }[] }[] }> => {
    const stored = await db.kysely.selectFrom("platform_versions").select("diff").execute();
    const audit = await db.kysely.selectFrom("audit").select("data").where("action", "=", "platform.version").execute();
    const parsed = audit.map((a) => JSON.parse(a.data as string) as { commit?: string; changes: { path: string }[] });
    return {
      versions: stored.filter((r) => (JSON.parse(r.diff as string) as { commit?: string }).commit === commit).length,
      audit: parsed.filter((d) => d.commit === commit),
    };
  };

  before(async () => {
    mkdirSync(join(repo.work, "platform"));
    repo.commit(GOOD("dev: { tier: nonprod }"), "first");
    database = await createTestDatabase((await postgres).url);
    // All three at once: they race to adopt the first commit. Each is kept as it starts, and before()
    // ends only once every start has ended, so after() stops each that started even when another did not.
    const started = await Promise.allSettled(
      SERVERS.map(async (i) => {
        const state = join(repo.dir, `state-${i}`);
        const server = await startServerProcess(
          ["--platform-git", repo.url, "--platform-ref", "main", "--platform-path", "platform/quikship.yaml"].concat([
            "--platform-git-interval",
            "1s",
            "--state",
            state,
            "--database-url",
            database.url,
          ]),
          { QUIKSHIP_TEST_TARGET: `counting:${join(repo.dir, "effects.jsonl")}` },
        );
        servers[i] = { server, token: readFileSync(join(state, "admin.token"), "utf8").trim() };
      }),
    );
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    db = await openDatabase({ url: database.url });
  });

  after(async () => {
    await Promise.all(
      servers.map(async ({ server }) => {
        server.child.kill("SIGTERM");
        await server.exited;
      }),
    );
    await db?.close();
    await database?.drop();
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it("adopts each good commit on all three, stored and audited once; refuses a broken one on all three with located errors, keeping the version; a changed window reaches all three", async (t) => {
    const first = await source(0);
    assert.equal(first.kind, "git");
    for (const i of SERVERS) assert.deepEqual(await environments(i), ["dev"]);
    const started = await recorded(first.commit!);
    assert.equal(started.versions, 1, "the first commit is stored once, by one of the three starting together");
    assert.equal(started.audit.length, 1, "and audited once");

    const good = repo.commit(GOOD("dev: { tier: nonprod }, test: { tier: nonprod, from: dev }"), "add test");
    t.diagnostic(`all three used the good commit after ${await adopted(good)} ms`);
    for (const i of SERVERS) assert.deepEqual(await environments(i), ["dev", "test"]);
    const fromGood = await recorded(good);
    assert.equal(fromGood.versions, 1, "the commit is stored once, by one server");
    assert.equal(fromGood.audit.length, 1, "the commit is audited once, not by each server");
    assert.ok(
      fromGood.audit[0]!.changes.some((c) => c.path === "environments.test"),
      JSON.stringify(fromGood.audit),
    );
    const inUse = (await source(0)).version;
    for (const i of SERVERS) assert.equal((await source(i)).version, inUse);

    const broken = repo.commit(GOOD("dev: { tier: nonprod }, test: { tier: nonprod, from: qa }"), "broken");
    for (const i of SERVERS) {
      const refused = await until(
        `server ${i} refuses the broken commit`,
        10_000,
        async () => (await source(i)).refused,
      );
      assert.equal(refused.commit, broken);
      assert.match(refused.errors.join("\n"), /^platform\/quikship\.yaml:5:\d+ environments\.test\.from: .*qa/m);
    }
    const reload = await request<{ error: { message: string } }>(0, "POST", "/v1/platform/reload", {});
    assert.equal(reload.status, 400);
    assert.match(reload.body.error.message, new RegExp(`commit ${broken} has 1 error; version ${inUse} stays in use`));
    for (const i of SERVERS) {
      assert.equal((await source(i)).version, inUse);
      assert.equal((await source(i)).commit, good);
      assert.deepEqual(await environments(i), ["dev", "test"]);
    }
    assert.deepEqual(await recorded(broken), { versions: 0, audit: [] }, "nothing stored from the broken commit");
    const refusals = await db.kysely
      .selectFrom("audit")
      .select("subject")
      .where("action", "=", "platform.refused")
      .execute();
    assert.deepEqual(
      refusals.map((r) => r.subject),
      [broken],
      "audited once for the three servers",
    );

    const fixed = repo.commit(
      GOOD("dev: { tier: nonprod }, test: { tier: nonprod, from: dev }, qa: { tier: nonprod, from: test }"),
      "fix",
    );
    t.diagnostic(`all three used the fix after ${await adopted(fixed)} ms`);
    for (const i of SERVERS) {
      assert.deepEqual(await environments(i), ["dev", "test", "qa"]);
      assert.equal((await source(i)).refused, undefined);
    }
    const fromFixed = await recorded(fixed);
    assert.equal(fromFixed.versions, 1);
    assert.equal(fromFixed.audit.length, 1, "the fix is audited once");

    // A deployment window changed in the repository: every server gates by the new one, no restart.
    const QA =
      "qa: { tier: nonprod, from: test, windows: { timezone: Europe/Berlin, weekly: [{ days: [WEEKDAYS], from: '09:00', to: '17:00' }] } }";
    const windowed = repo.commit(
      GOOD(`dev: { tier: nonprod }, test: { tier: nonprod, from: dev }, ${QA.replace("WEEKDAYS", "mon, tue")}`),
      "qa opens monday and tuesday",
    );
    t.diagnostic(`all three used the window after ${await adopted(windowed)} ms`);
    const narrowed = repo.commit(
      GOOD(`dev: { tier: nonprod }, test: { tier: nonprod, from: dev }, ${QA.replace("WEEKDAYS", "sat")}`),
      "qa opens saturdays only",
    );
    t.diagnostic(`all three used the changed window after ${await adopted(narrowed)} ms`);
    for (const i of SERVERS) assert.deepEqual(await qaWindow(i), { timezone: "Europe/Berlin", days: ["sat"] });
    const fromNarrowed = await recorded(narrowed);
    assert.equal(fromNarrowed.audit.length, 1, "the window's change is audited once");
    assert.ok(
      fromNarrowed.audit[0]!.changes.some((c) => c.path.startsWith("environments.qa.windows")),
      JSON.stringify(fromNarrowed.audit),
    );
    assert.equal(
      (await db.kysely.selectFrom("audit").select("seq").where("action", "=", "platform.version").execute()).length,
      5,
      "one entry per adopted commit: first, good, fixed, windowed, narrowed",
    );
  });
});

describe("the git source's flags", () => {
  it("refuse --platform-git beside --config, a path outside the repository and a bad interval, exiting 2 before anything starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-platform-flags-"));
    try {
      const cases: [string[], RegExp][] = [
        [["--platform-git", "file:///nowhere", "--config", "quikship.yaml"], /--platform-git and --config both name/],
        [
          ["--platform-git", "file:///nowhere", "--platform-path", "../etc/passwd"],
          /--platform-path must be a path inside/,
        ],
        [["--platform-git", "file:///nowhere", "--platform-git-interval", "10ms"], /--platform-git-interval must be/],
      ];
      await Promise.all(
        cases.map(([args, message], i) =>
          assert.rejects(
            refusedStart(startServerProcess([...args, "--state", join(dir, `state-${i}`)])),
            (error: Error) => {
              assert.match(error.message, /exited \(2\)/);
              assert.match(error.message, message);
              return true;
            },
          ),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
