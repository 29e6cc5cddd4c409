import assert from "node:assert/strict";
import { after, afterEach, beforeEach, it } from "node:test";
import type { ArtifactResult } from "../../src/api/promotion-schemas.js";
import { fromJson } from "../../src/store/json.js";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { startEngineApp } from "./engine-app.js";
import type { EngineApp } from "./engine-app.js";
import { errorOf } from "./support.js";

after(removeTrees);

forEachDatabase("registering artifacts", (t) => {
  let s: EngineApp;
  beforeEach(async () => {
    s = await startEngineApp(t);
  });
  afterEach(() => s.close());

  const notify = (payload: object) => s.as("ci", { method: "POST", url: "/v1/artifacts", payload });

  it("deploys a build of develop to dev, and records the artifact and the run in the audit log", async () => {
    const res = await notify({ service: "web", tag: "1.4.0-abc123", branch: "develop" });
    assert.equal(res.statusCode, 201, res.body);
    const result = res.json<ArtifactResult>();
    assert.deepEqual(result.artifact, { service: "web", tag: "1.4.0-abc123", branch: "develop" });
    assert.deepEqual(
      result.runs.map((r) => [r.kind, r.environment, r.services, r.request.params.tag, r.actor]),
      [["deploy", "dev", ["web"], "1.4.0-abc123", "ci"]],
    );
    assert.equal(result.message, "registered web:1.4.0-abc123 from branch develop; deploying to dev (branch develop)");
    await s.settle();
    assert.equal((await s.engine.api.get(result.runs[0]!.id)).status, "succeeded");

    const audit = await s.db.kysely
      .selectFrom("audit")
      .selectAll()
      .where("actor", "=", "ci")
      .where("action", "!=", "token.create")
      .orderBy("seq")
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.subject]),
      [
        ["artifact.register", "web:1.4.0-abc123"],
        ["run.submit", result.runs[0]!.id],
      ],
    );
    const data = fromJson(audit[0]!.data) as Record<string, unknown>;
    assert.deepEqual([data.branch, data.environments, data.runs], ["develop", ["dev"], [result.runs[0]!.id]]);
  });

  it("deploys a release tag to live, where the run waits for the approvals", async () => {
    const res = await notify({ service: "api", tag: "v1.2.3", gitTag: "v1.2.3" });
    assert.equal(res.statusCode, 201, res.body);
    const [run] = res.json<ArtifactResult>().runs;
    assert.deepEqual([run?.environment, run?.kind], ["live", "deploy"]);
    await s.settle(4);
    const waiting = await s.engine.api.get(run!.id);
    assert.equal(waiting.status, "waiting");
    assert.equal(waiting.waitReason?.kind, "approval");
    assert.deepEqual(
      [waiting.waitReason.environment, waiting.waitReason.pending],
      ["live", ["CAB", "Release Manager", "CTO"]],
    );
    assert.deepEqual(s.target.effects(), [], "nothing deployed before the approvals");
  });

  it("registers an artifact no rule matches with 200, starting nothing", async () => {
    const res = await notify({ service: "web", tag: "2.0.0", branch: "experiment" });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      artifact: { service: "web", tag: "2.0.0", branch: "experiment" },
      runs: [],
      message: "registered web:2.0.0 from branch experiment; no trigger rule matches it, so nothing was started",
    });
    assert.deepEqual(await s.engine.api.list({}), []);
  });

  it("refuses an unknown service with the nearest names, and a source that is neither or both, starting nothing", async () => {
    const unknown = await notify({ service: "wbe", tag: "1.0.0", branch: "develop" });
    assert.equal(unknown.statusCode, 404);
    assert.match(errorOf(unknown).message, /unknown service "wbe" \(did you mean "web"\?/);
    for (const payload of [
      { service: "web", tag: "1.0.0" },
      { service: "web", tag: "1.0.0", branch: "develop", gitTag: "v1.0.0" },
    ]) {
      const res = await notify(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.match(errorOf(res).message, /give exactly one of branch and gitTag/);
    }
    const badTag = await notify({ service: "web", tag: "1.0 beta", branch: "develop" });
    assert.equal(badTag.statusCode, 400);
    assert.deepEqual(
      (errorOf(badTag).details as { issues: { path: string }[] }).issues.map((i) => i.path),
      ["body.tag"],
    );
    assert.deepEqual(await s.engine.api.list({}), []);
    assert.equal(
      (
        await s.db.kysely
          .selectFrom("audit")
          .selectAll()
          .where("actor", "=", "ci")
          .where("action", "!=", "token.create")
          .execute()
      ).length,
      0,
    );
  });
});
