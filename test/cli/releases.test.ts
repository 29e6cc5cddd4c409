import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ReleaseView } from "../../src/api/release-schemas.js";
import type { HistoryView } from "../../src/api/service-schemas.js";
import type { RunView } from "../../src/engine/types.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-releases-"));
const state = join(dir, "state");
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /health }
services:
  web: { stack: node, dependsOn: [api] }
  api: { stack: node, dependsOn: [db] }
  db: { stack: node }
environments:
  dev: { tier: nonprod, target: local }
  qa: { tier: nonprod, target: local, from: dev }
`,
);

let server: ServerProcess;
const quikship = (...args: string[]): Promise<CliResult> =>
  runCli({ server: server.url, state, configHome: dir }, args);

async function activeTags(): Promise<string[]> {
  const tags: string[] = [];
  for (const service of ["db", "api", "web"]) {
    const history = parseJson<HistoryView>(await quikship("history", "dev", service, "-o", "json"));
    tags.push(`${service}:${history.revisions.find((r) => r.status === "active")?.tag ?? "-"}`);
  }
  return tags;
}

describe("releases and rolling one back, from the CLI against a live server", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
  });
  after(() => stopServer(server, dir));

  it("lists each deploy's release with its artifacts in dependency order, then rolls the newest back as a unit", async () => {
    for (const tag of ["v1", "v2"]) {
      const deploy = await quikship("deploy", "dev", "--services", "web,api,db", "--tag", tag, "--wait", "-o", "json");
      assert.equal(deploy.code, 0, deploy.stdout + deploy.stderr);
      assert.deepEqual(parseJson<RunView>(deploy).services, ["db", "api", "web"]);
    }

    const text = await quikship("releases", "dev");
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^RELEASE\s+ENV\s+STATUS\s+CREATED\s+ACTOR\s+RUN\s+ARTIFACTS \(REVISION, WAS\)$/);
    assert.match(
      lines[1]!,
      /^rel-[a-z0-9]{8}\s+dev\s+released\s+\S+ \S+Z\s+admin\s+r\w+\s+db:v2 \(2, was 1\), api:v2 \(2, was 1\), web:v2 \(2, was 1\)$/,
    );
    assert.match(
      lines[2]!,
      /^rel-[a-z0-9]{8}\s+dev\s+released\s.*db:v1 \(1, new\), api:v1 \(1, new\), web:v1 \(1, new\)$/,
    );
    assert.equal(lines.length, 3);
    assert.equal((await quikship("releases", "qa")).stdout, "no releases in qa\n");

    const [newest] = parseJson<ReleaseView[]>(await quikship("releases", "-o", "json", "--limit", "1"));
    assert.deepEqual(
      newest?.items.map((i) => [i.service, i.tag, i.revision, i.previousRevision, i.previousTag]),
      [
        ["db", "v2", 2, 1, "v1"],
        ["api", "v2", 2, 1, "v1"],
        ["web", "v2", 2, 1, "v1"],
      ],
    );

    const rollback = await quikship("rollback", "dev", "--release", newest.id, "--wait");
    assert.equal(rollback.code, 0, rollback.stdout + rollback.stderr);
    assert.deepEqual(await activeTags(), ["db:v1", "api:v1", "web:v1"]);
    const [after] = parseJson<ReleaseView[]>(await quikship("releases", "dev", "-o", "json"));
    assert.deepEqual([after?.id, after?.status], [newest?.id, "rolled-back"]);
    const runs = parseJson<RunView[]>(await quikship("runs", "--kind", "rollback", "-o", "json"));
    assert.deepEqual(
      [runs[0]?.services, runs[0]?.request.params],
      [["web", "api", "db"], { release: newest.id }],
      "in reverse order",
    );

    const again = await quikship("rollback", "dev", "--release", newest.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /release rel-\w+ was already rolled back; only a released release can be rolled back/);
  });

  it("refuses a release of another environment or an unknown one (exit 1), and --release beside --services (exit 2)", async () => {
    const [release] = parseJson<ReleaseView[]>(await quikship("releases", "dev", "-o", "json"));
    const elsewhere = await quikship("rollback", "qa", "--release", release!.id);
    assert.equal(elsewhere.code, 1);
    assert.match(
      elsewhere.stderr,
      new RegExp(
        `release ${release!.id} was released to dev, not qa; roll it back with \`quikship rollback dev --release ${release!.id}\``,
      ),
    );
    const unknown = await quikship("rollback", "dev", "--release", "rel-nothere");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no release "rel-nothere"/);
    const both = await quikship("rollback", "dev", "--release", release!.id, "--services", "web");
    assert.deepEqual(
      [both.code, both.stderr.trim()],
      [2, "error: --release rolls a whole release back; give it without --services and --revision"],
    );
    const neither = await quikship("rollback", "dev");
    assert.deepEqual(
      [neither.code, neither.stderr.trim()],
      [2, "error: rollback needs --services (with --revision N or without) or --release ID"],
    );
  });
});
