import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DateTime } from "luxon";
import { loadPlatformOrThrow } from "../config/load.js";
import type { Platform, Strategy } from "../config/types.js";
import { findEnvironment, findService } from "../platform/lookup.js";
import { previewDeploy } from "./preview.js";
import type { PreviewInputs } from "./preview.js";

const dir = mkdtempSync(join(tmpdir(), "quikship-preview-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function platform(): Platform {
  writeFileSync(
    join(dir, "quikship.yaml"),
    `version: 1
name: shop
stacks:
  node: { port: 3000 }
services:
  web: { stack: node, variables: { theme: dark } }
  api: { stack: node, strategy: { type: canary, steps: [{ weight: 10, bake: 5m }, { weight: 100 }] } }
environments:
  dev: { tier: nonprod, replicas: { min: 1, max: 2 } }
  live:
    from: dev
    tier: prod
    replicas: { min: 3, max: 6 }
    strategy: { type: rolling, maxSurge: 1, maxUnavailable: 0 }
    lock: runLatest
    approvals: { groups: [CAB], policy: any, timeout: 1h }
    windows:
      timezone: America/New_York
      weekly: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "16:00" }]
users:
  ana: {}
groups:
  CAB: { members: [ana] }
variableGroups:
  Global: { kind: global, variables: { logLevel: info } }
  Live: { kind: environment, environments: [live], variables: { logLevel: warn, dbPassword: { secret: "keyvault:LIVE-DB-PASSWORD" } } }
`,
  );
  return loadPlatformOrThrow(dir).platform;
}

const p = platform();
const NY = "America/New_York";
const at = (iso: string): number => DateTime.fromISO(iso, { zone: NY }).toMillis();

function inputs(overrides: Partial<PreviewInputs> = {}): PreviewInputs {
  return {
    platform: p,
    environment: findEnvironment(p, "live"),
    services: [findService(p, "web"), findService(p, "api")],
    tag: "v2.0.0",
    active: [],
    locks: [],
    nowMs: at("2026-11-18T10:00"),
    traffic: "weights",
    ...overrides,
  };
}

describe("previewDeploy", () => {
  it("shows each service's active revision, the next tag and the environment's minimum replicas", () => {
    const preview = previewDeploy(inputs({ active: [{ service: "web", number: 4, tag: "v1.9.0", replicas: 5 }] }));
    assert.deepEqual(
      preview.services.map((s) => [s.service, s.change, s.current, s.next]),
      [
        ["web", "update", { revision: 4, tag: "v1.9.0", replicas: 5 }, { tag: "v2.0.0", replicas: 3 }],
        ["api", "install", null, { tag: "v2.0.0", replicas: 3 }],
      ],
    );
  });

  it("calls the same tag again a redeploy", () => {
    const preview = previewDeploy(
      inputs({
        services: [findService(p, "web")],
        active: [{ service: "web", number: 4, tag: "v2.0.0", replicas: 3 }],
      }),
    );
    assert.equal(preview.services[0]?.change, "redeploy");
  });

  it("masks secrets with their reference and names where each variable came from", () => {
    const web = previewDeploy(inputs()).services[0]!;
    assert.deepEqual(web.variables, {
      dbPassword: {
        value: "********",
        secret: true,
        reference: "keyvault:LIVE-DB-PASSWORD",
        source: "Live",
        overrides: [],
      },
      logLevel: { value: "warn", secret: false, source: "Live", overrides: ["Global"] },
      theme: { value: "dark", secret: false, source: "service web", overrides: [] },
    });
  });

  it("takes the service's strategy override before the environment's", () => {
    const [web, api] = previewDeploy(inputs()).services;
    assert.deepEqual(web?.strategy, {
      type: "rolling",
      maxSurge: 1,
      maxUnavailable: 0,
      traffic: "weights",
      source: "environment",
    });
    assert.deepEqual(api?.strategy, {
      type: "canary",
      plan: null,
      steps: [
        { weight: 10, bake: "5m" },
        { weight: 100, bake: null },
      ],
      traffic: "weights",
      source: "service",
    });
  });

  it("says a canary split by replica ratio (Kubernetes without a gateway), with each step's pods", () => {
    const live = { ...findEnvironment(p, "live"), replicas: { min: 10, max: 10 } };
    const [, api] = previewDeploy(inputs({ environment: live, traffic: "replica ratio" })).services;
    assert.equal(api?.strategy.traffic, "replica ratio");
    assert.deepEqual(api?.strategy.steps, [
      { weight: 10, bake: "5m", pods: { canary: 1, stable: 9 } },
      { weight: 100, bake: null, pods: { canary: 10, stable: 0 } },
    ]);
  });

  it("says a blue-green without a gateway switches by Service selector, and keeps replica ratio for a canary there", () => {
    const live = findEnvironment(p, "live");
    const blueGreen: Strategy = {
      type: "blue-green",
      previewAnalysisMs: 60_000,
      postSwitchAnalysisMs: 60_000,
      standbyMs: 600_000,
      mirrorPercent: 0,
    };
    const web = { ...findService(p, "web"), strategy: blueGreen };
    const [bg, api] = previewDeploy(
      inputs({ environment: live, services: [web, findService(p, "api")], traffic: "replica ratio" }),
    ).services;
    assert.equal(bg?.strategy.traffic, "service selector");
    assert.equal(bg?.strategy.steps, undefined);
    assert.equal(api?.strategy.traffic, "replica ratio");
    const gated = previewDeploy(inputs({ environment: live, services: [web], traffic: "weights" })).services[0];
    assert.equal(gated?.strategy.traffic, "weights");
  });

  it("says a rolling update the target rolls itself is by the Deployment controller, and a canary beside it keeps its split", () => {
    const rollsOut = (service: { strategy?: Strategy | undefined }) =>
      (service.strategy?.type ?? "rolling") === "rolling";
    const [web, api] = previewDeploy(inputs({ traffic: "replica ratio", rollsOut })).services;
    assert.equal(web?.strategy.traffic, "deployment controller");
    assert.equal(web?.strategy.maxSurge, 1);
    assert.equal(api?.strategy.traffic, "replica ratio");
    const [engineDriven] = previewDeploy(inputs({ traffic: "weights" })).services;
    assert.equal(engineDriven?.strategy.traffic, "weights", "a target that does not roll out itself");
  });

  it("names the approvals, the lock policy, and the window open now with its closing time", () => {
    const { gates } = previewDeploy(inputs());
    assert.deepEqual(gates.approvals, { groups: ["CAB"], policy: "any", timeout: "1h", preventSelfApproval: true });
    assert.equal(gates.lockPolicy, "runLatest");
    assert.deepEqual(gates.window, {
      open: true,
      always: false,
      closesAt: { local: "Wed 2026-11-18 16:00 America/New_York", utc: "2026-11-18T21:00:00Z" },
      nextOpening: null,
      reason: null,
    });
  });

  it("names the next opening of a closed window, and an environment without gates", () => {
    const closed = previewDeploy(inputs({ nowMs: at("2026-11-21T10:00") })).gates.window;
    assert.deepEqual(closed, {
      open: false,
      always: false,
      closesAt: null,
      nextOpening: { local: "Mon 2026-11-23 09:00 America/New_York", utc: "2026-11-23T14:00:00Z" },
      reason: "outside the deployment window",
    });
    const dev = previewDeploy(inputs({ environment: findEnvironment(p, "dev") })).gates;
    assert.deepEqual(dev, {
      approvals: null,
      window: { open: true, always: true, closesAt: null, nextOpening: null, reason: null },
      lockPolicy: "sequential",
    });
  });

  it("names the run holding a service's lock", () => {
    const preview = previewDeploy(inputs({ locks: [{ service: "api", runId: "r1", acquiredAt: 1000 }] }));
    assert.deepEqual(
      preview.services.map((s) => s.lock),
      [null, { heldBy: "r1", since: 1000 }],
    );
  });
});
