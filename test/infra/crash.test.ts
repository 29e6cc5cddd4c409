import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { RunView } from "../../src/engine/types.js";
import { startServerProcess, stopServer } from "../support/server-process.js";
import type { ServerProcess } from "../support/server-process.js";
import { FIXTURES, requireTerraform } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-infra-crash-"));
const state = join(dir, "state");
/** Never created: the apply holds the state lock in its provisioner until the server is killed. */
const gate = join(dir, "never.gate");
const lockInfo = join(state, "infra", "state", "dev", ".terraform.tfstate.lock.info");
cpSync(join(FIXTURES, "slow"), join(dir, "module"), { recursive: true });
writeFileSync(
  join(dir, "quikship.yaml"),
  `version: 1
name: crash
stacks: { node: { port: 3000 } }
services: { api: { stack: node } }
environments: { dev: { tier: nonprod } }
terraform:
  workingDirectory: module
  environments:
    dev: { autoApprove: true, variables: { gate: ${JSON.stringify(gate)} } }
`,
);

/** Every process below pid (terraform and its provisioner's shell), from /proc. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of text ? text.split(/\s+/).map(Number) : []) found.push(child, ...descendants(child));
  }
  return found;
}

const start = (): Promise<ServerProcess> =>
  startServerProcess(["--config", dir, "--state", state, "--terraform-backend", "local"], {
    QUIKSHIP_TEST_TARGET: `counting:${join(dir, "effects.jsonl")}`,
  });

describe("a server killed with SIGKILL during terraform apply", () => {
  let server: ServerProcess;
  let token = "";
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
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
  async function until(id: string, ok: (run: RunView) => boolean, what: string): Promise<RunView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = (await call<RunView>("GET", `/v1/runs/${id}`)).body;
      if (ok(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} never ${what}: ${JSON.stringify(run)}`);
      await delay(200);
    }
  }

  before(async () => {
    requireTerraform();
    server = await start();
    token = readFileSync(join(state, "admin.token"), "utf8").trim();
  });
  after(async () => {
    writeFileSync(gate, "");
    if (server) await stopServer(server, dir);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports the interrupted apply and the leftover lock on restart, never applies the plan again, and infra unlock releases the lock", async () => {
    const submitted = await call<RunView>("POST", "/v1/runs", {
      kind: "infra",
      environment: "dev",
      params: { action: "apply" },
    });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const id = submitted.body.id;
    // The apply is under way when terraform holds the state lock for it (the plan takes it briefly too).
    const deadline = Date.now() + 60_000;
    const heldForApply = (): { ID: string; Operation: string } | null => {
      try {
        const info = JSON.parse(readFileSync(lockInfo, "utf8")) as { ID: string; Operation: string };
        return info.Operation === "OperationTypeApply" ? info : null;
      } catch {
        return null;
      }
    };
    let held = heldForApply();
    while (held === null) {
      assert.ok(Date.now() < deadline, "terraform apply never took the state lock");
      await delay(100);
      held = heldForApply();
    }
    // kill -9 of the server and of the terraform it started: nothing gets to clean up.
    const pid = server.child.pid!;
    const children = descendants(pid);
    assert.ok(children.length > 0, "terraform runs under the server");
    process.kill(pid, "SIGKILL");
    for (const child of children) process.kill(child, "SIGKILL");
    await server.exited;

    server = await start();
    const run = await until(id, (r) => r.status === "failed", "failed");
    const message = run.error?.message ?? "";
    assert.match(message, /terraform apply of dev was interrupted/);
    assert.match(message, /the apply may be partial and the saved plan is not applied again/);
    assert.match(message, new RegExp(`lock is still held .*${held.ID}`));
    assert.match(message, /quikship infra unlock dev --lock-id ID/);
    const apply = run.stages.flatMap((s) => s.steps).find((s) => s.key === "dev/apply")!;
    assert.equal(apply.status, "failed");
    // A second apply would run terraform under the new server and take a lock of its own.
    assert.equal(heldForApply()?.ID, held.ID, "a new apply took the state lock");
    assert.deepEqual(descendants(server.child.pid!), [], "the restarted server runs terraform again");

    const wrong = await call<{ error: { message: string } }>("POST", "/v1/infra/dev/unlock", {
      lockId: "00000000-0000-0000-0000-000000000000",
      reason: "cleanup",
    });
    assert.equal(wrong.status, 409);
    assert.match(JSON.stringify(wrong.body), new RegExp(`the lock left on dev's terraform state is ${held.ID}`));
    const unlocked = await call<{ unlocked: boolean }>("POST", "/v1/infra/dev/unlock", {
      lockId: held.ID,
      reason: "the server was killed during apply",
    });
    assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body));
    assert.equal(existsSync(lockInfo), false, "the leftover lock is gone");
    const audit = JSON.stringify((await call<unknown>("GET", "/v1/audit?action=infra.unlock")).body);
    assert.match(audit, new RegExp(held.ID));
    assert.match(audit, /the server was killed during apply/);
  });
});
