import assert from "node:assert/strict";
import { it } from "node:test";
import { loadPlatformOrThrow } from "../../src/config/load.js";
import { buildService } from "../../src/manifests/built.js";
import { removeTrees, writeTree } from "../config/support.js";

it("renders a service's own rolling settings over its environment's on the Deployment", () => {
  const dir = writeTree({
    "quikship.yaml": `version: 1
name: shop
stacks:
  node: { port: 3000, healthPath: /healthz }
services:
  web: { stack: node }
  api: { stack: node, strategy: { type: rolling, maxSurge: 3, maxUnavailable: 2 } }
environments:
  dev:
    tier: nonprod
    target: kubernetes
    namespace: shop-dev
    strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }
`,
  });
  try {
    const platform = loadPlatformOrThrow(dir).platform;
    const rolling = (name: string) => {
      const d = buildService(platform, "dev", name, "v1").objects.find((o) => o.kind === "Deployment") as unknown as {
        spec: { strategy: { rollingUpdate: { maxSurge: number; maxUnavailable: number } } };
      };
      return d.spec.strategy.rollingUpdate;
    };
    assert.deepEqual(rolling("web"), { maxSurge: 1, maxUnavailable: 0 });
    assert.deepEqual(rolling("api"), { maxSurge: 3, maxUnavailable: 2 });
  } finally {
    removeTrees();
  }
});
