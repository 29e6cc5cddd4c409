import type { Release } from "../release.js";
import type { RunRequest } from "../request.js";
import type { RunPlan } from "../types.js";

/** What a plan needs from the store, read before planning so that planning stays pure. */
export interface PlanFacts {
  /** The release a rollback names (`params.release`); absent when there is none by that id. */
  release?: Release;
}

export interface PlannedRun {
  /** The request with names made canonical: aliases resolved, "all" expanded. */
  request: RunRequest;
  plan: RunPlan;
}
