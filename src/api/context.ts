import type { Logger } from "pino";
import type { Platform } from "../config/types.js";
import type { EngineApi } from "../engine/api.js";
import type { Clock } from "../engine/clock.js";
import type { Db } from "../store/db.js";

/** What the routes of one app share. */
export interface ApiContext {
  engine: EngineApi;
  platform: Platform;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Aborts when the app closes: long-lived streams end so the server can stop. */
  closing: AbortSignal;
}
