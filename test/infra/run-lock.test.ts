import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { leftoverLockPath } from "../../src/infra/workspace.js";
import { forEachDatabase } from "../support/databases.js";
import { type InfraHarness, infraHarness, settleRun, stepsOf } from "./engine-support.js";
import { FIXTURES, requireTerraform } from "./support.js";

before(requireTerraform);

/** dev's infrastructure behind an approval, so that a second process can take the lock between plan and apply. */
const PLATFORM = `version: 1
name: locks
stacks: { node: { port: 3000 } }
services:
  api: { stack: node }
environments:
  dev: { tier: nonprod }
users:
  pat: {}
  paula: {}
groups:
  Platform Team: { members: [pat] }
terraform:
  workingDirectory: module
  environments:
    dev:
      approvals: { groups: [Platform Team], policy: any, timeout: 1h }
      variables: { name: app-dev, token: not-secret-here, external_file: EXTERNAL_FILE }
`;

/**
 * A second, live terraform process holding dev's state lock: `terraform console` on the same local
 * state file (`-state`) takes the lock for as long as it runs and releases it when its input ends.
 */
async function holdLock(
  statePath: string,
): Promise<{ child: ChildProcess; info: { ID: string; Who: string }; release(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "quikship-lock-holder-"));
  writeFileSync(join(dir, "main.tf"), 'terraform {\n  backend "local" {}\n}\n');
  const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_DATA_DIR: join(dir, ".terraform") };
  const init = spawn("terraform", ["init", "-input=false"], {
    cwd: dir,
    env,
    stdio: "ignore",
  });
  assert.equal(await new Promise((r) => init.on("exit", r)), 0, "terraform init of the lock holder failed");
  const child = spawn("terraform", ["console", `-state=${statePath}`], {
    cwd: dir,
    env,
    stdio: ["pipe", "ignore", "ignore"],
  });
  const exited = new Promise((r) => child.on("exit", r));
  const release = async (): Promise<void> => {
    child.stdin?.end();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { child, info: await lockInfo(leftoverLockPath(statePath)), release };
  } catch (error) {
    // A holder left running would keep this test's process alive after the failure.
    child.kill("SIGKILL");
    await release();
    throw error;
  }
}

/**
 * The lock terraform wrote: it creates the file and writes it in a second call, so an empty or
 * partial file is read again until it parses.
 */
async function lockInfo(lockFile: string): Promise<{ ID: string; Who: string }> {
  let last: unknown;
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(readFileSync(lockFile, "utf8")) as { ID: string; Who: string };
    } catch (error) {
      last = error;
      await delay(50);
    }
  }
  throw new Error(`terraform console did not take the state lock (${lockFile}): ${String(last)}`);
}

forEachDatabase("an infra apply waiting for a state lock another terraform process holds", (t) => {
  let h: InfraHarness;
  let moduleDir: string;
  before(async () => {
    moduleDir = mkdtempSync(join(tmpdir(), "quikship-run-lock-"));
    cpSync(join(FIXTURES, "basic"), join(moduleDir, "module"), { recursive: true });
    writeFileSync(join(moduleDir, "external.txt"), "outside\n");
    writeFileSync(join(moduleDir, "quikship.yaml"), PLATFORM.replace("EXTERNAL_FILE", join(moduleDir, "external.txt")));
    h = await infraHarness(t, loadPlatformOrThrow(moduleDir).platform);
  });
  after(() => {
    h.cleanup();
    rmSync(moduleDir, { recursive: true, force: true });
  });

  const applyApproved = async (): Promise<string> => {
    const submitted = await h.engine.api.submit(
      { kind: "infra", environment: "dev", params: { action: "apply" } },
      "paula",
    );
    const run = await settleRun(h, submitted.id);
    assert.equal(run.waitReason?.kind, "approval", JSON.stringify(run.error ?? run.waitReason));
    return run.id;
  };

  it("waits naming the holder (terraform's lock ID and who), and applies once the holder lets go", async () => {
    const first = await applyApproved();
    await h.engine.api.decide(first, { actor: "pat", groups: ["Platform Team"], decision: "approve" });
    assert.equal((await settleRun(h, first)).status, "succeeded");

    const second = await applyApproved();
    const holder = await holdLock(join(h.settings.rootDir, "state", "dev", "terraform.tfstate"));
    try {
      await h.engine.api.decide(second, { actor: "pat", groups: ["Platform Team"], decision: "approve" });
      const waiting = await settleRun(h, second);
      assert.equal(waiting.status, "waiting", JSON.stringify(waiting.error));
      const reason = waiting.waitReason;
      assert.ok(reason?.kind === "lock", JSON.stringify(reason));
      assert.equal(reason.heldBy, `${holder.info.Who} (terraform lock ${holder.info.ID})`);
      assert.match(reason.message, new RegExp(`the state is locked by ${holder.info.Who} .*lock ID ${holder.info.ID}`));
      const explained = await h.engine.api.explain(second);
      assert.match(explained.summary, new RegExp(`terraform state of dev.*${holder.info.ID}`));
      assert.equal(stepsOf(waiting).find((s) => s.key === "dev/apply")?.status, "waiting");
      // Still held: a later poll keeps waiting.
      h.clock.advance(5_000);
      assert.equal((await settleRun(h, second, 1)).waitReason?.kind, "lock");
    } finally {
      await holder.release();
    }
    h.clock.advance(5_000);
    const done = await settleRun(h, second);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error ?? done.waitReason));
    assert.equal(stepsOf(done).find((s) => s.key === "dev/apply")?.status, "succeeded");
  });
});
