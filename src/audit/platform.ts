import type { Platform } from "../config/types.js";
import type { Db } from "../store/db.js";
import { recordAudit } from "./append.js";
import { digest } from "./chain.js";
import { SYSTEM_ACTOR } from "./entry.js";
import type { AuditRecord } from "./entry.js";

/**
 * Records that a server loaded a platform: its name and the sha256 of the normalized platform's
 * canonical JSON, so a changed platform file shows in the log as a different hash.
 */
export function recordPlatformLoad(
  db: Db,
  platform: Platform,
  details: { server: string; version: string },
  at: number,
): Promise<AuditRecord> {
  return recordAudit(
    db,
    {
      actor: SYSTEM_ACTOR,
      action: "platform.load",
      subject: platform.name,
      data: { platform: platform.name, hash: digest(platform), ...details },
    },
    at,
  );
}
