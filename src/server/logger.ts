import { join } from "node:path";
import { destination, pino } from "pino";
import type { Logger } from "pino";
import { scrubCredentials } from "./scrub.js";

export const LOG_FILE = "server.log";

/**
 * The server's log: JSON lines in `<state>/server.log`, written synchronously so that a killed
 * server loses nothing. Tokens never reach it: they are not logged, and the Authorization
 * header is redacted should a serializer ever include headers.
 */
export function createServerLogger(
  stateDir: string,
  level = process.env.QUIKSHIP_LOG_LEVEL ?? "info",
): { logger: Logger; path: string } {
  const path = join(stateDir, LOG_FILE);
  const logger = pino(
    {
      level,
      redact: { paths: ["req.headers.authorization", "headers.authorization", "*.token"], censor: "[redacted]" },
      // The last line of defence: whatever a message, an error or a URL carries, no credential is written.
      hooks: { streamWrite: scrubCredentials },
    },
    destination({ dest: path, sync: true, mkdir: true, mode: 0o600 }),
  );
  return { logger, path };
}
