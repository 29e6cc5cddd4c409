import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Environment } from "../../src/config/types.js";
import { systemClock } from "../../src/engine/clock.js";
import { InputError } from "../../src/errors.js";
import { kubernetesTarget } from "../../src/targets/kubernetes/index.js";
import { findKubeConfig } from "../../src/targets/kubernetes/kubeconfig.js";
import { checkTargets, platformTargets } from "../../src/targets/registry.js";
import { KubeDouble } from "../kube/double/index.js";

let double: KubeDouble;
let dir: string;
const env = (name: string, cluster: string, target = "kubernetes"): Environment =>
  ({ name, cluster, namespace: `quikapp-${name}`, target }) as Environment;

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  dir = mkdtempSync(join(tmpdir(), "quikship-kube-start-"));
  writeFileSync(join(dir, "kubeconfig"), double.kubeconfig({ dev: "quikapp-dev" }));
  // A context whose API server does not answer: a port nothing listens on.
  writeFileSync(
    join(dir, "unreachable"),
    double.kubeconfig({ dev: "quikapp-dev" }).replace(double.url, "http://127.0.0.1:9"),
  );
});

after(async () => {
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});

const targets = (kubeconfig: string) =>
  platformTargets({ kubernetes: kubernetesTarget({ kubeconfig, clock: systemClock, checkTimeoutMs: 2_000 }) });

describe("the kubernetes target's check when the server starts", () => {
  it("passes when every environment's context exists and its API server answers", async () => {
    assert.deepEqual(await checkTargets(targets(join(dir, "kubeconfig")), [env("dev", "dev")]), []);
  });

  it("refuses an environment whose cluster is no context of the kubeconfig, naming the environment", async () => {
    await assert.rejects(
      checkTargets(targets(join(dir, "kubeconfig")), [env("dev", "dev"), env("live", "aks-prod")]),
      (e: unknown) => e instanceof InputError && /environments\.live\.cluster: no context "aks-prod"/.test(e.message),
    );
  });

  it("warns, naming the environment and context, when the API server does not answer", async () => {
    const warnings = await checkTargets(targets(join(dir, "unreachable")), [env("dev", "dev")]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^environment dev \(context dev\): .*could not be reached/);
  });

  it("checks nothing for environments on other targets", async () => {
    assert.deepEqual(await checkTargets(targets(join(dir, "missing")), [env("local", "x", "local")]), []);
  });

  it("says where to point quikship when there is no kubeconfig at all", () => {
    assert.throws(
      () => findKubeConfig(undefined, { HOME: dir }, join(dir, "no-token")),
      /no kubeconfig: pass quikship server --kubeconfig FILE, set KUBECONFIG/,
    );
  });
});
