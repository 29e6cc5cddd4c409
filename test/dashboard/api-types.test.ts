import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, it } from "node:test";
import { API_TYPES_PATH, apiTypesSource } from "../../scripts/api-types.js";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, startTestApp } from "../api/support.js";
import type { TestApp } from "../api/support.js";

forEachDatabase("the dashboard's generated API types", (t) => {
  let s: TestApp;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
  });
  afterEach(() => s.close());

  it("are what openapi-typescript makes of /openapi.json now (run npm run api-types when this fails)", async () => {
    const document = (await s.app.inject({ url: "/openapi.json" })).body;
    const generated = await apiTypesSource(document);
    const committed = readFileSync(API_TYPES_PATH, "utf8");
    assert.ok(generated === committed, `${API_TYPES_PATH} is stale: run npm run api-types and commit it`);
  });

  it("describe a run's events as a union by type and a rollout step's public output", () => {
    const committed = readFileSync(API_TYPES_PATH, "utf8");
    assert.match(committed, /type: "run";/);
    assert.match(committed, /type: "step";/);
    assert.match(committed, /type: "log";/);
    assert.match(committed, /phase: "starting" \| "baking" \| "paused" \| "finishing" \| "preview" \| "switched";/);
  });
});
