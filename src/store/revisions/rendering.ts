/**
 * A revision's rendering (the service's Kustomize files and the objects they build to), kept in
 * the revision's detail beside its test outcomes: the first rendering applied for a revision is
 * the one it keeps, so re-applying it (a restart, a scale, a rollback) applies the same objects
 * whatever the platform file says since.
 */
import type { ServiceBuild } from "../../manifests/built.js";
import type { Queryable } from "../db.js";
import { fromJson, toJson } from "../json.js";

export interface RevisionKey {
  environment: string;
  service: string;
  number: number;
}

/** The rendering a revision's detail holds, if any. */
export function renderingOf(detail: unknown): ServiceBuild | undefined {
  if (typeof detail !== "object" || detail === null || !("rendering" in detail)) return undefined;
  const rendering = detail.rendering;
  return typeof rendering === "object" && rendering !== null ? (rendering as ServiceBuild) : undefined;
}

async function detailOf(tx: Queryable, key: RevisionKey): Promise<Record<string, unknown> | null | undefined> {
  const row = await tx
    .selectFrom("revisions")
    .select("detail")
    .where("environment", "=", key.environment)
    .where("service", "=", key.service)
    .where("number", "=", key.number)
    .executeTakeFirst();
  return row && (fromJson(row.detail) as Record<string, unknown> | null);
}

/** The revision's stored rendering. */
export async function revisionRendering(db: Queryable, key: RevisionKey): Promise<ServiceBuild | undefined> {
  return renderingOf(await detailOf(db, key));
}

/**
 * Stores `rendering` with the revision unless it has one already; returns the one it keeps
 * (undefined when there is no such revision).
 */
export async function keepRevisionRendering(
  tx: Queryable,
  key: RevisionKey,
  rendering: ServiceBuild,
): Promise<ServiceBuild | undefined> {
  const detail = await detailOf(tx, key);
  if (detail === undefined) return undefined;
  const kept = renderingOf(detail);
  if (kept) return kept;
  await tx
    .updateTable("revisions")
    .set({ detail: toJson({ ...detail, rendering }) })
    .where("environment", "=", key.environment)
    .where("service", "=", key.service)
    .where("number", "=", key.number)
    .execute();
  return rendering;
}

/** Gives revision `to` the rendering of revision `from` (a rollback to a revision that no longer runs). */
export async function copyRevisionRendering(tx: Queryable, from: RevisionKey, to: RevisionKey): Promise<boolean> {
  const rendering = await revisionRendering(tx, from);
  if (!rendering) return false;
  return (await keepRevisionRendering(tx, to, rendering)) === rendering;
}
