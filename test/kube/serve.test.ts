import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { V1Deployment } from "@kubernetes/client-node";
import { deploymentYaml } from "./fixtures.js";

function kubectl(
  kubeconfig: string,
  args: string[],
  input = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn("kubectl", args, {
    env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(kubeconfig, "..", "cache") },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  return once(child, "close").then(([code]) => ({ code: Number(code), stdout, stderr }));
}

describe("the Kubernetes API test double as a process of its own", () => {
  it("serves kubectl on the real clock: a rollout with minReadySeconds completes on its own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quikship-double-"));
    const kubeconfig = join(dir, "kubeconfig");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/kube/serve.ts", "--kubeconfig", kubeconfig, "--pod-start-ms", "100", "dev=quikapp-dev"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      assert.match(line.toString(), /^http:\/\/127\.0\.0\.1:\d+\n$/);
      const manifest = deploymentYaml({ name: "api", image: "api:v1", minReadySeconds: 1 });
      assert.equal((await kubectl(kubeconfig, ["apply", "--server-side", "-f", "-"], manifest)).code, 0);
      const status = await kubectl(kubeconfig, ["rollout", "status", "deployment/api", "--timeout=20s"]);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /successfully rolled out/);
      const d = JSON.parse(
        (await kubectl(kubeconfig, ["get", "deployment", "api", "-o", "json"])).stdout,
      ) as V1Deployment;
      assert.equal(d.status?.availableReplicas, 2);
    } finally {
      // Waited for only while it runs: the exit of a double that already ended would never come.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
