/**
 * A revision's rendering (the service's Kustomize files and the objects they build to), kept in
 * the revision's detail beside its test outcomes: the first rendering applied for a revision is
 * the one it keeps, so re-applying it (a restart, a scale, a rollback) applies the same objects
 * whatever the platform file says since.
 */
import type { ServiceBuild } from "../../manifests/built.js";
import type { Queryable } from "../db.js";
import type { JsonText } from "../json.js";
import { type RevisionKey, revisionDetail, updateRevisionDetail } from "./detail.js";

export type { RevisionKey };

/** The rendering a revision's detail holds, if any. */
export function renderingOf(detail: unknown): ServiceBuild | undefined {
  if (typeof detail !== "object" || detail === null || !("rendering" in detail)) return undefined;
  const rendering = detail.rendering;
  return typeof rendering === "object" && rendering !== null ? (rendering as ServiceBuild) : undefined;
}

/** The revision's stored rendering. */
export async function revisionRendering(db: Queryable, key: RevisionKey): Promise<ServiceBuild | undefined> {
  return renderingOf(await revisionDetail(db, key));
}

/**
 * Stores `rendering` with the revision unless it has one already; returns the one it keeps
 * (undefined when there is no such revision). `seen`: the detail as already read, if it was.
 */
export async function keepRevisionRendering(
  tx: Queryable,
  key: RevisionKey,
  rendering: ServiceBuild,
  seen?: JsonText,
): Promise<ServiceBuild | undefined> {
  let kept: ServiceBuild | undefined;
  const stored = await updateRevisionDetail(
    tx,
    key,
    (detail) => {
      kept = renderingOf(detail);
      return kept ? undefined : { ...detail, rendering };
    },
    seen,
  );
  return stored === undefined ? undefined : (kept ?? rendering);
}

/** Gives revision `to` the rendering of revision `from` (a rollback to a revision that no longer runs). */
export async function copyRevisionRendering(tx: Queryable, from: RevisionKey, to: RevisionKey): Promise<boolean> {
  const rendering = await revisionRendering(tx, from);
  if (!rendering) return false;
  return (await keepRevisionRendering(tx, to, rendering)) === rendering;
}
