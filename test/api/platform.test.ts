import assert from "node:assert/strict";
import { after, it } from "node:test";
import { removeTrees } from "../config/support.js";
import { forEachDatabase } from "../support/databases.js";
import { eachTestApp, errorOf, PLATFORM_YAML, T0 } from "./support.js";

after(removeTrees);

const YAML = `${PLATFORM_YAML}variableGroups:
  Global: { kind: global, variables: { logLevel: info } }
  QA: { kind: environment, environments: [qa], variables: { apiKey: { secret: "keyvault:QA-API-KEY" } } }
`.replace(
  "    router: { port: 7102 }\n",
  `    router: { port: 7102 }
    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "16:00" }] }
`,
);

forEachDatabase("the platform file through the API", (t) => {
  const h = eachTestApp(t, { platformYaml: YAML });
  const get = h.get;

  it("lists the services, and those of one stack; an unknown stack is a 404 naming the known ones", async () => {
    const all = await get("/v1/platform/services");
    assert.equal(all.statusCode, 200);
    assert.deepEqual(
      all.json<{ name: string; stack: string }[]>().map((x) => `${x.name}:${x.stack}`),
      ["web:node", "api:node"],
    );
    assert.equal((await get("/v1/platform/services?stack=node")).json<unknown[]>().length, 2);
    const unknown = await get("/v1/platform/services?stack=nod");
    assert.equal(unknown.statusCode, 404);
    assert.match(errorOf(unknown).message, /unknown stack "nod".*node/);
  });

  it("lists the ladder, and one environment with its window at a moment", async () => {
    assert.deepEqual(
      (await get("/v1/platform/environments")).json<{ name: string }[]>().map((e) => e.name),
      ["dev", "qa"],
    );
    const qa = (await get("/v1/platform/environments/qa")).json<{
      ladder: unknown;
      window: { open: boolean; at: string };
    }>();
    assert.deepEqual(qa.ladder, { position: 2, of: 2, from: "dev", next: [] });
    assert.equal(qa.window.at, new Date(T0).toISOString(), "now is the server's clock");
    const night = (await get("/v1/platform/environments/qa?at=2026-01-05T23:00:00-05:00")).json<{
      window: { open: boolean; nextOpening: { utc: string } };
    }>();
    assert.deepEqual([night.window.open, night.window.nextOpening.utc], [false, "2026-01-06T14:00:00Z"]);
    assert.equal((await get("/v1/platform/environments/qq")).statusCode, 404);
    assert.equal((await get("/v1/platform/environments/qa?at=tomorrow")).statusCode, 400);
  });

  it("answers effective variables with secrets masked and their reference", async () => {
    const res = await get("/v1/platform/variables?environment=qa&service=web");
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      environment: "qa",
      service: "web",
      operation: "deploy",
      variables: {
        logLevel: { value: "info", secret: false, source: "Global", overrides: [] },
        apiKey: { value: "********", secret: true, reference: "keyvault:QA-API-KEY", source: "QA", overrides: [] },
      },
    });
    assert.equal((await get("/v1/platform/variables")).statusCode, 400);
    assert.equal((await get("/v1/platform/variables?environment=qa&service=wbe")).statusCode, 404);
  });
});
