/**
 * Two servers watching one platform repository, driven by hand: a server that fetched a commit
 * before a newer one was pushed and stored by the other server does not store its older commit
 * over the newer one.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { pino } from "pino";
import { systemClock } from "../engine/clock.js";
import { openDatabase } from "../store/database.js";
import { migrate } from "../store/migrate.js";
import { latestPlatformVersion } from "../store/platform-versions/write.js";
import { GitSource } from "./git-source.js";
import { commitOf, GitWatcher } from "./git-watch.js";
import type { PlatformVersion } from "./holder.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-git-watch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const work = join(dir, "repo");
function git(...args: string[]): string {
  return execFileSync("git", args, {
    cwd: work,
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
function commit(environments: string): string {
  writeFileSync(
    join(work, "quikship.yaml"),
    `version: 1\nname: watch\nstacks: { node: { port: 3000 } }\nservices: { api: { stack: node } }\nenvironments: { ${environments} }\n`,
  );
  git("add", "-A");
  git("commit", "--quiet", "-m", environments);
  return git("rev-parse", "HEAD").trim();
}

it("a server that fetched a commit before a newer one was stored follows the newer one instead of storing its own", async (t) => {
  mkdirSync(work);
  git("init", "--quiet", "--initial-branch", "main");
  commit("dev: { tier: nonprod }");
  const db = await openDatabase({ url: `sqlite:${join(dir, "quikship.db")}` });
  t.after(() => db.close());
  await migrate(db);
  const server = (source: GitSource): { watcher: GitWatcher; current: () => PlatformVersion | undefined } => {
    let current: PlatformVersion | undefined;
    const watcher = new GitWatcher({
      source,
      db,
      clock: systemClock,
      logger: pino({ level: "silent" }),
      intervalMs: 60_000,
      current: () => current,
      use: (next) => (current = next),
      onStored: () => Promise.resolve(),
    });
    return { watcher, current: () => current };
  };
  const options = { url: `file://${work}`, ref: "main", path: "quikship.yaml" };
  const a = server(new GitSource({ ...options, dir: join(dir, "a") }));
  const sourceB = new GitSource({ ...options, dir: join(dir, "b") });
  // B's fetches answer the commit it saw before the newer one was pushed.
  const lag: { commit?: string } = {};
  const lagging = new Proxy(sourceB, {
    get(target, key) {
      if (key === "fetch") return () => (lag.commit === undefined ? target.fetch() : Promise.resolve(lag.commit));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const b = server(lagging);
  await a.watcher.initial();
  await b.watcher.initial();

  const older = commit("dev: { tier: nonprod }, test: { tier: nonprod, from: dev }");
  lag.commit = await sourceB.fetch();
  assert.equal(lag.commit, older);
  const newer = commit("dev: { tier: nonprod }, test: { tier: nonprod, from: dev }, qa: { tier: nonprod, from: test }");
  assert.equal((await a.watcher.poll("system")).outcome, "reloaded");

  const result = await b.watcher.poll("system");
  assert.equal(result.outcome, "unchanged", "B stored nothing");
  const latest = await latestPlatformVersion(db.kysely);
  assert.equal(commitOf(latest!), newer, "the newest stored version is still the newer commit");
  assert.equal(b.current()?.version, latest!.version, "B uses it");
  assert.deepEqual(Object.keys(b.current()!.platform.environments), ["dev", "test", "qa"]);
  const versions = await db.kysely.selectFrom("platform_versions").select("version").execute();
  assert.equal(versions.length, 2, "the first commit and the newer one");
});
