import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { StateLockedError, TerraformError } from "../../src/infra/terraform/errors.js";
import type { UiEvent } from "../../src/infra/terraform/ui-events.js";
import { FIXTURES, type Workspace, requireTerraform, workspace, writeText } from "./support.js";

/** Resolves when `events` sees the slow resource's provisioner start: the apply then holds the lock. */
function provisioning(): { onEvent: (e: UiEvent) => void; started: Promise<void> } {
  let resolve: () => void = () => undefined;
  const started = new Promise<void>((r) => (resolve = r));
  return { onEvent: (e) => e.type === "hook" && e.hook === "provision_start" && resolve(), started };
}

describe("a state lock held by a second terraform process", () => {
  let ws: Workspace;
  let gate: string;

  before(async () => {
    requireTerraform();
    ws = workspace(join(FIXTURES, "slow"));
    await ws.terraform().init({ kind: "local", path: ws.statePath });
  });
  after(() => {
    if (gate && !existsSync(gate)) writeText(gate, "");
    ws.cleanup();
  });

  async function holdLock(name: string): Promise<{ done: Promise<unknown> }> {
    gate = join(ws.root, `${name}.gate`);
    const varFile = ws.varFile(name, { gate });
    await ws.terraform().plan({ out: ws.planFile(name), varFile, mode: "normal" });
    const watch = provisioning();
    const done = ws.terraform().apply(ws.planFile(name), { onEvent: watch.onEvent });
    const first = await Promise.race([watch.started.then(() => "holding"), done.then(() => "finished")]);
    assert.equal(first, "holding", "the apply finished without holding the lock");
    return { done };
  }

  it("reports who holds the lock, since when and doing what", async () => {
    const startedMs = Date.now();
    const holder = await holdLock("first");
    try {
      const other = ws.terraform();
      await assert.rejects(
        other.plan({ out: ws.planFile("blocked"), varFile: ws.varFile("blocked", { gate }) }),
        (error) => {
          assert.ok(error instanceof StateLockedError);
          assert.equal(error.kind, "conflict");
          assert.equal(error.retryable, true);
          assert.equal(error.lock.operation, "OperationTypeApply");
          assert.match(error.lock.id, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
          assert.match(error.lock.who, /.+@.+/);
          const createdMs = Date.parse(error.lock.created);
          assert.ok(createdMs >= startedMs - 1000 && createdMs <= Date.now(), `lock created at ${error.lock.created}`);
          assert.match(error.message, new RegExp(`lock ID ${error.lock.id}`));
          return true;
        },
      );
    } finally {
      writeText(gate, "");
      await holder.done;
    }
  });

  it("waits for the lock when the environment allows a lock timeout", async () => {
    const holder = await holdLock("second");
    const waiting = ws.terraform({ lockTimeoutMs: 30_000 }).plan({
      out: ws.planFile("waited"),
      varFile: ws.varFile("waited", { gate }),
    });
    let settled = false;
    void waiting.finally(() => (settled = true)).catch(() => undefined);
    // A real second process contends for the lock: give it time to find it held before releasing.
    await delay(1000);
    assert.equal(settled, false, "the plan did not wait for the lock");
    writeText(gate, "");
    await holder.done;
    const planned = await waiting;
    assert.equal(planned.exit, "no-changes");
  });

  it("stops an apply when its signal aborts, and the lock is released", async () => {
    gate = join(ws.root, "aborted.gate");
    const varFile = ws.varFile("aborted", { gate });
    await ws.terraform().plan({ out: ws.planFile("aborted"), varFile });
    const watch = provisioning();
    const controller = new AbortController();
    const applying = ws
      .terraform()
      .apply(ws.planFile("aborted"), { onEvent: watch.onEvent, signal: controller.signal });
    await watch.started;
    controller.abort();
    await assert.rejects(applying, (error) => error instanceof TerraformError);
    const after = await ws.terraform().plan({ out: ws.planFile("after-abort"), varFile });
    assert.equal(after.exit, "changes", "the interrupted apply left its resource to create");
  });
});
