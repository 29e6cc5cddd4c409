import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import type { AuditEntryView, AuditVerificationView } from "../../src/api/audit-schemas.js";
import { parseJson, runCli } from "../support/cli-process.js";
import type { CliResult } from "../support/cli-process.js";
import { startCountingServer, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-audit-"));
const state = join(dir, "state");
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: ledger
stacks: { node: { port: 3000 } }
services: { web: { stack: node } }
environments:
  dev: { tier: nonprod }
  qa: { from: dev, tier: nonprod }
`,
);

let server: ServerProcess;
const quikship = (...args: string[]): Promise<CliResult> =>
  runCli({ server: server.url, state, configHome: dir }, args);

describe("the audit trail of a live server", () => {
  before(async () => {
    server = await startCountingServer(dir, state);
  });
  after(() => stopServer(server, dir));

  it("records the platform load, the first-start token and a run, and lists them", async () => {
    const deploy = await quikship("deploy", "dev", "--services", "web", "--tag", "v1.0.0");
    assert.equal(deploy.code, 0, deploy.stderr);
    const entries = parseJson<AuditEntryView[]>(await quikship("audit", "-o", "json"));
    assert.deepEqual(
      entries.map((e) => [e.seq, e.actor, e.action]),
      [
        // The version is stored (or found stored) first, then the server records that it loaded it.
        [1, "quikship", "platform.version"],
        [2, "quikship", "platform.load"],
        [3, "quikship", "token.create"],
        [4, "admin", "run.submit"],
      ],
    );
    const load = entries.find((e) => e.action === "platform.load")!;
    assert.equal(load.subject, "ledger");
    assert.match(String(load.data.hash), /^[0-9a-f]{64}$/);
    const table = await quikship("audit", "--env", "dev");
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /^SEQ\s+TIME\s+ACTOR\s+ACTION\s+SUBJECT\n4\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+admin\s+run\.submit\s+r\w+\n$/,
    );
  });

  it("verifies the untouched trail, then fails naming the entry whose row was edited in the database", async () => {
    const intact = await quikship("audit", "verify");
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /^audit trail verified: 4 entries, chain intact\nlast entry 4 at .*: 4:[0-9a-f]{64}\n/);

    const sqlite = new Database(join(state, "quikship.db"));
    try {
      sqlite.prepare("update audit set actor = 'mallory' where seq = 4").run();
    } finally {
      sqlite.close();
    }

    const tampered = await quikship("audit", "verify");
    assert.equal(tampered.code, 1, tampered.stdout + tampered.stderr);
    assert.match(
      tampered.stdout,
      /^audit trail verification failed \(4 entries\): entry 4 \(run\.submit by mallory at \S+\) was altered: its hash does not match its content\nanchor: not anchored: /,
    );
    const json = await quikship("audit", "verify", "-o", "json");
    assert.equal(json.code, 1);
    const result = parseJson<AuditVerificationView>(json);
    assert.deepEqual(result.ok ? undefined : [result.firstBad.seq, result.firstBad.problem], [4, "altered"]);
  });

  it("refuses list filters on verify, and a malformed --since, as usage errors", async () => {
    const filters = await quikship("audit", "verify", "--env", "dev");
    assert.equal(filters.code, 2);
    assert.match(filters.stderr, /--env selects entries to list/);
    const since = await quikship("audit", "--since", "yesterday");
    assert.equal(since.code, 2);
    assert.match(since.stderr, /--since must be a duration back from now/);
  });
});
