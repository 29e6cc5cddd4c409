import { toJson } from "../../src/store/json.js";
import type { NewRunRow } from "../../src/store/rows.js";

/** A queued deploy run row, created at `createdAt`, for tests that need runs to exist. */
export function queuedRun(id: string, createdAt: number, overrides: Partial<NewRunRow> = {}): NewRunRow {
  return {
    id,
    kind: "deploy",
    status: "queued",
    wait_reason: null,
    request: toJson({ service: "auth-service", tag: "1.2.3" }),
    plan: toJson({ stages: [] }),
    actor: "alice",
    environment: "qa",
    service: "auth-service",
    created_at: createdAt,
    updated_at: createdAt,
    started_at: null,
    finished_at: null,
    error: null,
    lease_owner: null,
    lease_expires_at: null,
    wake_at: null,
    superseded_by: null,
    ...overrides,
  };
}
