import type { Release } from "../release.js";
import type { RunRequest } from "../request.js";
import type { RunPlan } from "../types.js";
import type { SourceFacts } from "./source.js";

/** What a plan needs from the store, read before planning so that planning stays pure. */
export interface PlanFacts {
  /** The release a rollback names (`params.release`); absent when there is none by that id. */
  release?: Release;
  /** A promotion's source: the active revision of each service there, and the newest of the tag, with their test outcomes. */
  source?: SourceFacts;
  /** An infra run's module revision: the digest of the terraform working directory as it is now (infra/module.ts). */
  moduleRevision?: string;
  /** `infra apply --plan RUN`: the saved plan of that earlier plan run (read from the store). */
  savedPlan?: SavedPlan;
}

/** A plan an earlier infra `plan` run saved: applied as it is by a later apply run. */
export interface SavedPlan {
  run: string;
  environment: string;
  revision: string;
  digest: string;
}

export interface PlannedRun {
  /** The request with names made canonical: aliases resolved, "all" expanded. */
  request: RunRequest;
  plan: RunPlan;
}
