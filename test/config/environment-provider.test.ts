import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createMetricsProvider } from "../../src/analysis/providers/index.js";
import { loadPlatform } from "../../src/config/load.js";
import { metricsProviderFor } from "../../src/config/metrics-provider.js";
import { DEFAULT_PROMETHEUS_QUERIES } from "../../src/config/schema/analysis.js";
import { TARGETS_COUNTING_TRAFFIC } from "../../src/config/schema/environments.js";
import type { Platform } from "../../src/config/types.js";
import { InputError } from "../../src/errors.js";
import { KUBERNETES_CAPABILITIES } from "../../src/targets/kubernetes/capabilities.js";
import { LOCAL_CAPABILITIES } from "../../src/targets/local.js";
import { platformTargets } from "../../src/targets/registry.js";
import { fakeTargets } from "../support/fake-target.js";
import { BASE } from "./base-platform.js";
import { edit, placeOf, removeTrees, writeTree } from "./support.js";

after(removeTrees);

/** BASE's live names its own Prometheus (two lines under its strategy). */
const LIVE_PROVIDER = '    analysis:\n      provider: { type: prometheus, url: "http://prometheus:9090" }\n';

function load(text: string): Platform {
  const result = loadPlatform(writeTree({ "quikship.yaml": text }));
  assert.deepEqual(result.ok ? result.warnings.map((w) => w.message) : result.errors.map((e) => e.message), []);
  assert.ok(result.ok);
  return result.platform;
}

function warningsOf(text: string): string[] {
  const dir = writeTree({ "quikship.yaml": text });
  const result = loadPlatform(dir);
  assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.message), []);
  assert.ok(result.ok);
  return result.warnings.map((w) => `${placeOf(w, dir)}: ${w.message}`);
}

describe("environments.NAME.analysis.provider", () => {
  test("is read for its environment, with the schema's defaults; the others fall back to the platform's", () => {
    const platform = load(
      edit(
        BASE,
        ['url: "http://prometheus:9090" }', 'url: "http://prometheus:9090", timeout: 2s, latencyUnit: ms }'],
        ["\nanalysis:\n", "\nanalysis:\n  provider: { type: router }\n"],
      ),
    );
    assert.deepEqual(platform.environments.live!.analysisProvider, {
      type: "prometheus",
      url: "http://prometheus:9090",
      timeoutMs: 2000,
      latencyUnit: "ms",
      queries: DEFAULT_PROMETHEUS_QUERIES,
    });
    assert.equal(platform.environments.dev!.analysisProvider, undefined);
    assert.deepEqual(metricsProviderFor(platform, platform.environments.dev!), {
      type: "router",
      setting: "analysis.provider",
    });
    const live = metricsProviderFor(platform, platform.environments.live!);
    assert.equal(live.type, "prometheus");
    assert.equal(live.setting, "environments.live.analysis.provider");
    assert.equal(createMetricsProvider(live, fakeTargets({})).kind, "prometheus");
  });

  test("an environment's own router wins over the platform's Prometheus", () => {
    const platform = load(
      edit(
        BASE,
        ["    router: { port: 7000 }\n", "    router: { port: 7000 }\n    analysis: { provider: { type: router } }\n"],
        ["\nanalysis:\n", '\nanalysis:\n  provider: { type: prometheus, url: "http://metrics:9090" }\n'],
      ),
    );
    assert.deepEqual(metricsProviderFor(platform, platform.environments.local!), {
      type: "router",
      setting: "environments.local.analysis.provider",
    });
    assert.equal(metricsProviderFor(platform, platform.environments.dev!).type, "prometheus");
  });

  test("is the rehearsal target's own counters where the environment runs on another target than its own (--local)", () => {
    const platform = load(BASE);
    const live = platform.environments.live!;
    assert.equal(metricsProviderFor(platform, live, "kubernetes").type, "prometheus");
    assert.equal(metricsProviderFor(platform, live, "local").type, "router");
  });

  test("refuses an unknown placeholder in an environment's query, at its place; the made provider names the environment's setting", () => {
    const dir = writeTree({
      "quikship.yaml": edit(BASE, [
        'url: "http://prometheus:9090" }',
        'url: "http://prometheus:9090", queries: { errors: "sum(e{ns=\\"{namespace}\\"})" } }',
      ]),
    });
    const result = loadPlatform(dir);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => `${placeOf(e, dir)}: ${e.message}`),
      [
        "quikship.yaml:44:87 environments.live.analysis.provider.queries.errors: unknown placeholder {namespace} in the errors query; the provider fills in {environment}, {service}, {revision}",
      ],
    );
    const platform = load(BASE);
    const live = metricsProviderFor(platform, platform.environments.live!);
    if (live.type !== "prometheus") throw new Error("expected the Prometheus provider");
    assert.throws(
      () => createMetricsProvider({ ...live, queries: { ...live.queries, errors: "sum(e{{ns}})" } }, fakeTargets({})),
      (error: unknown) =>
        error instanceof InputError &&
        error.message.startsWith("environments.live.analysis.provider.queries.errors: unknown placeholder {ns}"),
    );
  });
});

describe("the warning for an analysis that would see no requests", () => {
  const withoutLiveProvider = edit(BASE, [LIVE_PROVIDER, ""]);

  test("names a kubernetes environment with a canary and the router as its provider, at its strategy", () => {
    assert.deepEqual(warningsOf(withoutLiveProvider), [
      "quikship.yaml:42:15 environments.live.strategy: canaries and blue-green previews here (its canary strategy) would be judged on no requests: the kubernetes target counts none itself, and the analysis provider is the router, which reads only a target's own counters; set environments.live.analysis.provider (or analysis.provider) to type: prometheus with the url and queries of the Prometheus that scrapes the cluster's gateway",
    ]);
  });

  test("names every kubernetes environment where a service's own strategy is progressive, at the environment", () => {
    const text = edit(withoutLiveProvider, [
      "    dependsOn: [auth]\n",
      "    dependsOn: [auth]\n    strategy: { type: blue-green }\n",
    ]);
    const warnings = warningsOf(text);
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0]!,
      /^quikship\.yaml:33:5 environments\.dev: canaries and blue-green previews here \(the services' own strategies: api \(blue-green\)\)/,
    );
    assert.match(
      warnings[1]!,
      /^quikship\.yaml:\d+:\d+ environments\.live\.strategy: .*\(its canary strategy and the services' own strategies: api \(blue-green\)\)/,
    );
  });

  test("is not given where the target counts the requests, or where the provider is Prometheus", () => {
    assert.deepEqual(warningsOf(BASE), []);
    assert.deepEqual(
      warningsOf(edit(withoutLiveProvider, ["    aliases: [prod]\n", "    aliases: [prod]\n    target: local\n"])),
      [],
    );
    assert.deepEqual(
      warningsOf(
        edit(withoutLiveProvider, [
          "\nanalysis:\n",
          '\nanalysis:\n  provider: { type: prometheus, url: "http://m:9090" }\n',
        ]),
      ),
      [],
    );
  });

  test("points at an environment's own router when it names one", () => {
    const text = edit(BASE, [LIVE_PROVIDER, "    analysis: { provider: { type: router } }\n"]);
    assert.match(warningsOf(text)[0]!, /^quikship\.yaml:43:27 environments\.live\.analysis\.provider: canaries/);
  });
});

describe("the target kinds that count traffic", () => {
  test("are those whose target says so in its capabilities", () => {
    const counting = new Set<string>(TARGETS_COUNTING_TRAFFIC);
    assert.equal(LOCAL_CAPABILITIES.countsTraffic, counting.has("local"));
    assert.equal(KUBERNETES_CAPABILITIES.countsTraffic, counting.has("kubernetes"));
    // gitops has no target in this build: the registry's stand-in counts nothing.
    const gitops = platformTargets({}).forEnvironment({ ...load(BASE).environments.dev!, target: "gitops" });
    assert.equal(gitops.capabilities.countsTraffic, counting.has("gitops"));
  });
});
