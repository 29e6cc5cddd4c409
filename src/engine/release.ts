/**
 * Releases: what one deploy or promotion run moved into one environment, as one unit. Recorded
 * when the run's rollouts there start, so a release names every revision it rolls out and the
 * revision each service ran before.
 */
import type { ReleaseRows } from "../store/releases/read.js";

/**
 * rolling-out: its rollouts run. released: every service moved (and the environment's tests
 * passed). failed: the train failed there, and what it had moved was moved back. rolled-back:
 * released, then rolled back as a unit by a rollback run.
 */
export const RELEASE_STATUSES = ["rolling-out", "released", "failed", "rolled-back"] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export interface ReleaseItem {
  service: string;
  tag: string;
  revision: number;
  /** The revision the service ran before the release; null when the release installed it. */
  previousRevision: number | null;
  previousTag: string | null;
}

export interface Release {
  id: string;
  environment: string;
  runId: string;
  actor: string;
  status: ReleaseStatus;
  createdAt: number;
  finishedAt: number | null;
  /** In train order: each after the services it depends on. */
  items: ReleaseItem[];
}

/** Rows → the release as the API shows it. */
export function releaseOf({ release, items }: ReleaseRows): Release {
  return {
    id: release.id,
    environment: release.environment,
    runId: release.run_id,
    actor: release.actor,
    status: release.status,
    createdAt: release.created_at,
    finishedAt: release.finished_at,
    items: items.map((i) => ({
      service: i.service,
      tag: i.tag,
      revision: i.revision,
      previousRevision: i.previous_revision,
      previousTag: i.previous_tag,
    })),
  };
}
