import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { buildService, strategicMerge } from "../../src/manifests/built.js";
import { renderEnvironment } from "../../src/manifests/render.js";
import { writeTree } from "../../src/manifests/tree.js";
import type { Built } from "./support.js";
import { buildOverlay, parseStream, removeTempDirs, requireKubectl, tempDir } from "./support.js";

after(removeTempDirs);

const key = (o: { kind: string; metadata: { name: string } }): string => `${o.kind}/${o.metadata.name}`;
const byKey = <T extends { kind: string; metadata: { name: string } }>(objects: T[]): T[] =>
  [...objects].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe("the objects the kubernetes target applies, built in process", () => {
  let platform: Platform;
  const built = new Map<string, Built[]>();
  const environments = ["dev", "live"];

  before(async () => {
    requireKubectl();
    platform = loadPlatformOrThrow("examples/quikapp").platform;
    const root = tempDir();
    for (const env of environments) writeTree(root, renderEnvironment(platform, env, { root, defaultTag: "v7.1.0" }));
    const streams = await Promise.all(environments.map((env) => buildOverlay(`${root}/overlays/${env}`)));
    environments.forEach((env, i) => built.set(env, parseStream(streams[i]!)));
  });

  it("are, for every service of the QuikApp platform in dev and live, what kubectl kustomize builds from quikship render", () => {
    let compared = 0;
    for (const env of environments) {
      for (const name of Object.keys(platform.services)) {
        const mine = buildService(platform, env, name, "v7.1.0").objects;
        const theirs = (built.get(env) ?? []).filter((o) => o.metadata.labels?.["app.kubernetes.io/name"] === name);
        assert.deepStrictEqual(byKey(mine), byKey(theirs as never[]), `${env}/${name}`);
        compared += mine.length;
      }
    }
    assert.ok(compared > 2 * 33 * 5, `only ${compared} objects compared`);
  });

  it("give a Deployment with its probes, resources, security context, tag and namespace, and live its HPA and PDB", () => {
    const objects = buildService(platform, "live", "auth-service", "v9.9.9").objects;
    const kinds = objects.map((o) => o.kind).sort();
    for (const kind of ["Deployment", "Service", "ServiceAccount", "ConfigMap", "NetworkPolicy"])
      assert.ok(kinds.includes(kind), kind);
    assert.ok(kinds.includes("HorizontalPodAutoscaler") && kinds.includes("PodDisruptionBudget"), kinds.join(","));
    const deployment = objects.find((o) => o.kind === "Deployment") as unknown as {
      metadata: { namespace: string };
      spec: { template: { spec: { containers: { image: string; readinessProbe: unknown; resources: unknown }[] } } };
    };
    const container = deployment.spec.template.spec.containers[0]!;
    assert.match(container.image, /:v9\.9\.9$/);
    assert.ok(container.readinessProbe && container.resources);
    assert.equal(deployment.metadata.namespace, platform.environments.live!.namespace);
  });

  it("merge a patch's containers by name and replace what is not a named list", () => {
    const merged = strategicMerge(
      { spec: { containers: [{ name: "a", image: "x" }, { name: "b" }], ports: [1, 2] } },
      { spec: { containers: [{ name: "b", resources: { limits: { cpu: "1" } } }], ports: [3] } },
    );
    assert.deepEqual(merged, {
      spec: {
        containers: [
          { name: "a", image: "x" },
          { name: "b", resources: { limits: { cpu: "1" } } },
        ],
        ports: [3],
      },
    });
  });
});
