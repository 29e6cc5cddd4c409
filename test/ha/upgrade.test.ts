/**
 * A rolling upgrade: the build before the newest migration, taken from this checkout's git
 * history (no release is tagged), and this build side by side on one PostgreSQL database.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { openDatabase } from "../../src/store/database.js";
import type { Db } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations/index.js";
import { cliBundle } from "../support/cli-bundle.js";
import { createTestDatabase, startPostgres } from "../support/postgres.js";
import type { PostgresServer, TestDatabaseHandle } from "../support/postgres.js";
import { refusedStart, startServerFrom, startServerProcess } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { sleep } from "./support.js";

const execFileAsync = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const PLATFORM = `version: 1
name: upgrade
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments: { dev: { tier: nonprod } }
`;

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** The commit before the one that added the newest migration, or undefined outside a git checkout. */
function previousBuild(): string | undefined {
  try {
    const added = git("log", "--diff-filter=A", "--format=%H", "-1", "--", "src/store/migrations/0*").trim();
    return added === "" ? undefined : git("rev-parse", `${added}^`).trim();
  } catch {
    return undefined;
  }
}

const previous = previousBuild();

/** The previous build's installed command. */
const oldCommand = (old: string): string =>
  ["bin/quikship.cjs", "bin/quikship.js"].map((f) => join(old, f)).find((f) => existsSync(f))!;

/**
 * The previous build's sources exactly as committed, with the dependencies of this checkout,
 * bundled by its own build script as its installed command would be (its bin/quikship.cjs, or
 * bin/quikship.js before that, runs the bundle; it starts in a fraction of the time its sources
 * take through tsx).
 */
async function buildPrevious(dir: string): Promise<void> {
  mkdirSync(dir);
  await execFileAsync("sh", ["-c", `git -C "${ROOT}" archive ${previous} | tar -x -C "${dir}"`]);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const bundle = "const { bundleCli } = await import('./scripts/build.js'); await bundleCli();";
  await execFileAsync(process.execPath, ["--input-type=module", "-e", bundle], { cwd: dir });
}

describe(
  "upgrading from the previous build",
  {
    skip:
      previous === undefined &&
      "no git history here to take the previous build from (not a checkout, or a shallow clone)",
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-upgrade-"));
    const old = join(dir, "old");
    const config = join(dir, "quikship.yaml");
    let pg: PostgresServer;
    let database: TestDatabaseHandle;
    let db: Db;
    const servers: ServerProcess[] = [];

    before(async () => {
      writeFileSync(config, PLATFORM);
      // Side by side: the previous build built, this one bundled, PostgreSQL started.
      await Promise.all([buildPrevious(old), startPostgres().then((started) => (pg = started)), cliBundle()]);
      database = await createTestDatabase(pg.url);
      db = await openDatabase({ url: database.url });
    });

    after(async () => {
      for (const server of servers) {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill("SIGTERM");
          await server.exited;
        }
      }
      await db?.close();
      await database?.drop();
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const migrations = async (): Promise<number> =>
      Number(
        (
          await db.kysely
            .selectFrom("quikship_migrations")
            .select((eb) => eb.fn.max("number").as("n"))
            .executeTakeFirst()
        )?.n,
      );

    const env = {
      QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
      QUIKSHIP_TEST_TARGET_DELAY_MS: "300",
    };

    it("old migrates, new migrates further, both serve, a run submitted on the old one finishes", async () => {
      const env = {
        QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
        QUIKSHIP_TEST_TARGET_DELAY_MS: "300",
      };
      const args = (name: string): string[] => [
        "--config",
        config,
        "--state",
        join(dir, name),
        "--database-url",
        database.url,
      ];
      const oldServer = await startServerFrom(oldCommand(old), args("state-old"), env);
      servers.push(oldServer);
      const oldKnows = await migrations();
      assert.ok(
        oldKnows < MIGRATIONS.length,
        `the previous build knows ${oldKnows} migrations, this one ${MIGRATIONS.length}`,
      );
      const oldToken = readFileSync(join(dir, "state-old", "admin.token"), "utf8").trim();
      const headers = { authorization: `Bearer ${oldToken}`, "content-type": "application/json" };
      const submitted = await fetch(`${oldServer.url}/v1/runs`, {
        method: "POST",
        headers,
        body: JSON.stringify({ kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1" } }),
      });
      assert.equal(submitted.status, 201, await submitted.clone().text());
      const { id } = (await submitted.json()) as { id: string };

      const newServer = await startServerProcess(args("state-new"), env);
      servers.push(newServer);
      assert.equal(await migrations(), MIGRATIONS.length);
      const newToken = readFileSync(join(dir, "state-new", "admin.token"), "utf8").trim();
      for (const [server, token] of [
        [oldServer, oldToken],
        [newServer, newToken],
      ] as const) {
        const runs = await fetch(`${server.url}/v1/runs/${id}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(runs.status, 200, `${server.url} serves the run`);
      }
      const deadline = Date.now() + 60_000;
      let status = "";
      while (Date.now() < deadline) {
        status = (await db.kysely.selectFrom("runs").select("status").where("id", "=", id).executeTakeFirstOrThrow())
          .status;
        if (["succeeded", "failed", "cancelled"].includes(status)) break;
        await sleep(100);
      }
      assert.equal(status, "succeeded");
    });

    it("the previous build refuses to start on the database the new one migrated, saying so", async () => {
      const refused = refusedStart(
        startServerFrom(
          oldCommand(old),
          ["--config", config, "--state", join(dir, "state-late"), "--database-url", database.url],
          env,
        ),
      );
      await assert.rejects(refused, (error: Error) => {
        assert.match(
          error.message,
          new RegExp(`database is at migration ${MIGRATIONS.length}, this quikship knows up to \\d+; upgrade quikship`),
        );
        assert.match(error.message, /exited \(1\)/);
        return true;
      });
    });
  },
);
