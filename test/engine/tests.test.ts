import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import type { EngineService } from "../../src/engine/service.js";
import type { RunView } from "../../src/engine/types.js";
import type { TestOutput } from "../../src/engine/steps/test.js";
import { fromJson } from "../../src/store/json.js";
import { listRevisions } from "../../src/store/revisions/read.js";
import { recordRevisionTest, revisionTests } from "../../src/store/revisions/tests.js";
import { removeTrees, writeTree } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import type { TestDatabase } from "../support/databases.js";
import { fakeTargets } from "../support/fake-target.js";
import { harness, settle } from "./support.js";
import type { Harness } from "./support.js";

after(removeTrees);

const SMOKE = `if [ -f "fail-$ENVIRONMENT" ]; then echo "smoke: GET /health gave 500" >&2; exit 1; fi
echo "smoke ok for $SERVICES"
`;

// Writes what Jest (jest-junit) and k6 (--summary-export) would: 3 cases, one failing, and a load summary.
const REPORT = `cat > "$QUIKSHIP_RESULTS_DIR/junit.xml" <<'XML'
<testsuites><testsuite name="api"><testcase classname="api" name="lists users"/><testcase classname="api" name="pages"/><testcase classname="api" name="sorts"><failure message="expected 200, got 500"/></testcase></testsuite></testsuites>
XML
cat > "$QUIKSHIP_RESULTS_DIR/summary.json" <<'JSON'
{"metrics":{"http_reqs":{"count":600,"rate":20},"http_req_duration":{"p(95)":180.5,"p(99)":420},"http_req_failed":{"passes":3,"fails":597,"value":0.005}}}
JSON
`;

const PLATFORM = `version: 1
name: tests
stacks: { node: { port: 3000 } }
services: { api: { stack: node }, web: { stack: node } }
users: { alice: {}, rob: {} }
groups: { Release Manager: { members: [rob] } }
environments:
  dev:
    tier: nonprod
    tests:
      - { name: smoke, command: "sh smoke.sh" }
      - { name: report, kind: integration, command: "sh report.sh", required: false }
  qa: { tier: nonprod, from: dev, onTestFailure: keep, tests: [{ name: smoke, command: "sh smoke.sh" }] }
  live: { tier: prod, from: qa, approvals: { groups: [Release Manager] } }
`;

type Setup = Harness & { api: EngineService; platform: Platform; dir: string };

async function setUp(t: TestDatabase): Promise<Setup> {
  const dir = writeTree({ "quikship.yaml": PLATFORM, "smoke.sh": SMOKE, "report.sh": REPORT });
  const loaded = loadPlatform(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  const h = await harness(t, { targets: fakeTargets({}), platform: loaded.platform });
  return { ...h, api: h.engine.api as EngineService, platform: loaded.platform, dir };
}

async function deploy(h: Setup, environment: string, tag: string, services = ["api"]): Promise<RunView> {
  const run = await h.api.submit({ kind: "deploy", environment, services, params: { tag } }, "alice");
  await settle(h, 250, 12);
  return h.api.get(run.id);
}

const step = (run: RunView, key: string) => run.stages.flatMap((s) => s.steps).find((s) => s.key === key);

async function revisions(h: Setup, environment: string, service = "api") {
  return (await listRevisions(h.db.kysely, environment, service)).map((r) => ({
    number: r.number,
    tag: r.tag,
    status: r.status,
    tests: revisionTests(fromJson(r.detail)),
  }));
}

forEachDatabase("tests after every rollout", (t) => {
  it("runs the environment's tests after a deploy, with JUnit counts and a k6 summary, kept with the revision", async () => {
    const h = await setUp(t);
    const run = await deploy(h, "dev", "v1");
    assert.equal(run.status, "succeeded", JSON.stringify(run.error));
    assert.deepEqual(run.stages[0]!.steps.map((s) => s.key).slice(-4), [
      "rollout/api",
      "test/smoke",
      "test/report",
      "released",
    ]);
    const report = step(run, "test/report")!.output as unknown as TestOutput;
    assert.equal(report.passed, false);
    assert.deepEqual(
      [report.results.junit?.tests, report.results.junit?.failures, report.results.junit?.failed[0]?.message],
      [3, 1, "expected 200, got 500"],
    );
    assert.deepEqual([report.results.load?.p95Ms, report.results.load?.errorRatePercent], [180.5, 0.5]);
    const lines = (await h.api.events(run.id, 0)).flatMap((e) =>
      e.type === "log" ? [(e.data as { line: string }).line] : [],
    );
    assert.ok(lines.includes("smoke ok for api"));
    assert.ok(
      lines.includes(
        "test report failed (not required: the run goes on): exited with 0; 3 tests: 2 passed, 1 failed; 600 requests, 20/s, p95 180.5 ms, p99 420 ms, errors 0.5%; first failure: api › sorts: expected 200, got 500",
      ),
      lines.join("\n"),
    );
    const [rev] = await revisions(h, "dev");
    assert.deepEqual(
      [rev?.tests.smoke?.passed, rev?.tests.report?.passed, rev?.tests.report?.required],
      [true, false, false],
    );
  });

  it("fails a deploy whose required test fails and moves the service back, as a failed health check does", async () => {
    const h = await setUp(t);
    await deploy(h, "dev", "v1");
    writeFileSync(join(h.dir, "fail-dev"), "");
    const run = await deploy(h, "dev", "v2");
    assert.equal(run.status, "failed");
    assert.equal(run.error?.step, "test/smoke");
    assert.match(run.error?.message ?? "", /^smoke \(smoke test\) failed in dev: exited with 1$/);
    assert.equal(step(run, "undo/api")?.status, "succeeded");
    const [v2again, v2, v1] = await revisions(h, "dev");
    assert.deepEqual(
      [v2again?.tag, v2again?.status, v2?.tag, v2?.status, v1?.status],
      ["v1", "active", "v2", "failed", "superseded"],
    );
    assert.equal(v2?.tests.smoke?.passed, false, "the failure is kept with the revision it ran on");
  });

  it("keeps the release and fails the run where the environment says keep", async () => {
    const h = await setUp(t);
    writeFileSync(join(h.dir, "fail-qa"), "");
    const run = await deploy(h, "qa", "v1");
    assert.equal(run.status, "failed");
    assert.deepEqual(
      run.stages.map((s) => s.key),
      ["deploy", "deploy/tests"],
    );
    const [rev] = await revisions(h, "qa");
    assert.deepEqual([rev?.tag, rev?.status, rev?.tests.smoke?.passed], ["v1", "active", false]);
  });

  it("skips the tests of a deploy asked with skipTests", async () => {
    const h = await setUp(t);
    const run = await h.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1", skipTests: true } },
      "alice",
    );
    assert.equal(run.stages[0]!.steps.filter((s) => s.kind === "test").length, 0);
  });
});

forEachDatabase("promotions gated by the source's tests", (t) => {
  it("refuses at once a promotion of a tag whose required test failed in the source, naming the test", async () => {
    const h = await setUp(t);
    await deploy(h, "dev", "v1");
    writeFileSync(join(h.dir, "fail-dev"), "");
    await deploy(h, "dev", "v2");
    const before = (await h.api.list({})).length;
    await assert.rejects(
      h.api.submit(
        { kind: "promote", environment: "dev", services: ["api"], params: { to: ["qa"], tag: "v2" } },
        "alice",
      ),
      (error: Error & { kind?: string }) => {
        assert.equal(error.kind, "conflict");
        assert.equal(
          error.message,
          "dev does not run v2 for every service to promote: api runs v1 (revision 3); v2 (revision 2) failed dev's test smoke: exited with 1 (revision failed); promote the tag the source runs, or deploy v2 to dev first",
        );
        return true;
      },
    );
    assert.equal((await h.api.list({})).length, before);
  });

  it("refuses a revision its tests never ran on, allows --skip-source-tests below prod, and refuses it for prod", async () => {
    const h = await setUp(t);
    await h.api.submit(
      { kind: "deploy", environment: "dev", services: ["api"], params: { tag: "v1", skipTests: true } },
      "alice",
    );
    await settle(h, 250, 12);
    const promote = (params: Record<string, unknown>, from = "dev", to = ["qa"]) =>
      h.api.submit(
        { kind: "promote", environment: from, services: ["api"], params: { to, tag: "v1", ...params } },
        "alice",
      );
    await assert.rejects(
      promote({}),
      /v1 has not passed dev's required tests: dev's test smoke has not run on api v1 \(revision 1\); deploy a tag that passes them, or promote with --skip-source-tests/,
    );
    const skipped = await promote({ skipSourceTests: true });
    assert.equal(skipped.stages[0]!.steps[0]!.kind, "source-check");
    await settle(h, 250, 12);
    assert.equal((await h.api.get(skipped.id)).status, "succeeded");
    await assert.rejects(
      promote({ skipSourceTests: true }, "qa", ["live"]),
      /--skip-source-tests is refused for live: a promotion there needs qa's tests passed \(allowSkipSourceTests: false\)/,
    );
  });

  it("checks the source again when the run starts", async () => {
    const h = await setUp(t);
    await deploy(h, "dev", "v1");
    const run = await h.api.submit(
      { kind: "promote", environment: "dev", services: ["api"], params: { to: ["qa"], tag: "v1" } },
      "alice",
    );
    // Between submission and start, smoke is run again on the revision and fails.
    await recordRevisionTest(h.db.kysely, { environment: "dev", service: "api", number: 1 }, "smoke", {
      passed: false,
      required: true,
      kind: "smoke",
      runId: "r-other",
      at: h.clock.now(),
      summary: "exited with 1",
    });
    await settle(h, 250, 4);
    const failed = await h.api.get(run.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error?.step, "source-check");
    assert.match(failed.error?.message ?? "", /dev's test smoke failed on api v1 \(revision 1\): exited with 1/);
  });

  it("promotes a revision that passed the source's tests, and runs the target's tests", async () => {
    const h = await setUp(t);
    await deploy(h, "dev", "v1");
    rmSync(join(h.dir, "fail-qa"), { force: true });
    const run = await h.api.submit(
      { kind: "promote", environment: "dev", services: ["api"], params: { to: ["qa"], tag: "v1" } },
      "alice",
    );
    await settle(h, 250, 12);
    const done = await h.api.get(run.id);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    assert.equal(step(done, "qa/test/smoke")?.status, "succeeded");
    const [rev] = await revisions(h, "qa");
    assert.equal(rev?.tests.smoke?.passed, true);
  });
});
