// Regenerates dashboard/src/api-types.ts from the API's OpenAPI document (npm run api-types).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { buildApp } from "../src/api/app.js";
import { loadPlatformOrThrow } from "../src/config/load.js";
import { systemClock } from "../src/engine/clock.js";
import { createEngine } from "../src/engine/index.js";
import { openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { platformTargets } from "../src/targets/registry.js";
import { API_TYPES_PATH, apiTypesSource } from "./api-types.js";

/** The document as the server serves it: the app built on a throwaway database, never listening. */
async function openApiDocument(): Promise<string> {
  const stateDir = mkdtempSync(join(tmpdir(), "quikship-api-types-"));
  const db = await openDatabase({ url: `sqlite:${join(stateDir, "quikship.db")}` });
  try {
    await migrate(db);
    const { platform } = loadPlatformOrThrow("quikship.yaml");
    const targets = platformTargets({});
    const engine = createEngine({ db, platform, clock: systemClock, targets });
    const app = await buildApp({
      engine: engine.api,
      platform,
      db,
      targets,
      stateDir,
      logger: pino({ level: "silent" }),
    });
    await app.ready();
    const response = await app.inject({ url: "/openapi.json" });
    await app.close();
    return response.body;
  } finally {
    await db.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

writeFileSync(API_TYPES_PATH, await apiTypesSource(await openApiDocument()));
console.log(`wrote ${API_TYPES_PATH}`);
