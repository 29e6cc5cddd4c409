import assert from "node:assert/strict";
import { afterEach, beforeEach, it } from "node:test";
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { forEachDatabase } from "../support/databases.js";
import { clearTables, startTestApp } from "./support.js";
import type { TestApp } from "./support.js";

type Operation = { operationId?: string; responses?: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[]; info: { license?: unknown } };

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

forEachDatabase("the OpenAPI document as a contract", (t) => {
  let s: TestApp;
  beforeEach(async () => {
    await clearTables(t.db);
    s = await startTestApp(t.db);
  });
  afterEach(() => s.close());

  it("passes Redocly's recommended rules, and every operation's tag is declared, with no error and no warning", async () => {
    const text = (await s.app.inject({ url: "/openapi.json" })).body;
    const config = await createConfig({ extends: ["recommended"], rules: { "operation-tag-defined": "error" } });
    const document = makeDocumentFromString(text, "/openapi.json");
    const problems = await lintDocument({
      document,
      config: config.styleguide,
      externalRefResolver: new BaseResolver(),
    });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`);
    assert.deepEqual(found, []);
  });

  it("gives a generated client a named method per operation, each with its 4xx answers", async () => {
    const doc = (await s.app.inject({ url: "/openapi.json" })).json<Document>();
    assert.ok((doc.servers ?? []).length > 0, "servers");
    assert.ok(doc.info.license, "info.license");
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
    );
    assert.ok(operations.length >= 41, `${operations.length} operations`);
    const names = new Map<string, string>();
    for (const { where, op } of operations) {
      assert.match(op.operationId ?? "", /^[a-z][A-Za-z]+$/, `${where} has a method name`);
      assert.equal(names.get(op.operationId!), undefined, `${where} reuses ${op.operationId}`);
      names.set(op.operationId!, where);
      assert.ok(
        Object.keys(op.responses ?? {}).some((code) => code.startsWith("4")),
        `${where} declares a 4xx answer`,
      );
    }
    const expected: [string, string][] = [
      ["listRuns", "GET /v1/runs"],
      ["createRun", "POST /v1/runs"],
      ["getRun", "GET /v1/runs/{id}"],
      ["approveRun", "POST /v1/runs/{id}/approve"],
    ];
    for (const [name, where] of expected) assert.equal(names.get(name), where);
  });

  it("generates a typed client (openapi-typescript) with an operation of each name", async () => {
    const doc = (await s.app.inject({ url: "/openapi.json" })).json<Document>();
    const source = astToString(await openapiTS(JSON.stringify(doc)));
    const block = source.slice(source.indexOf("export interface operations {"));
    const generated = new Set([...block.matchAll(/^ {4}(\w+): \{$/gm)].map((m) => m[1]));
    const declared = Object.values(doc.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([, op]) => op.operationId),
    );
    assert.deepEqual(
      declared.filter((id) => id === undefined || !generated.has(id)),
      [],
      "every operation is a named member of the generated operations",
    );
    assert.equal(generated.size, declared.length);
  });
});
