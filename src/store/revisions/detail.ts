/**
 * A revision's detail (a JSON object: its cause, actor, test outcomes, rendering) is written by
 * several steps; each changes its own part through `updateRevisionDetail`, never by hand.
 */
import { ConflictError } from "../../errors.js";
import type { Queryable } from "../db.js";
import type { JsonText } from "../json.js";
import { fromJson, toJson } from "../json.js";

export interface RevisionKey {
  environment: string;
  service: string;
  number: number;
}

export type RevisionDetail = Record<string, unknown>;

/** How many times a change is made again when another writer changed the detail in between (each round, one writer lands). */
const ATTEMPTS = 32;

async function readDetail(tx: Queryable, key: RevisionKey): Promise<JsonText | undefined> {
  const row = await tx
    .selectFrom("revisions")
    .select("detail")
    .where("environment", "=", key.environment)
    .where("service", "=", key.service)
    .where("number", "=", key.number)
    .executeTakeFirst();
  return row?.detail;
}

/** The revision's detail; undefined when there is no such revision. */
export async function revisionDetail(db: Queryable, key: RevisionKey): Promise<RevisionDetail | undefined> {
  const text = await readDetail(db, key);
  return text === undefined ? undefined : objectOf(fromJson(text));
}

const objectOf = (value: unknown): RevisionDetail =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as RevisionDetail) : {};

/**
 * Changes a revision's detail: `change` gets the detail as stored and returns the new one, or
 * undefined to leave it as it is. The write only lands on the detail `change` saw (a
 * compare-and-set, the same on SQLite and PostgreSQL); when another writer got in between, the
 * change is made again on what it wrote. Returns the detail now stored, undefined when there is
 * no such revision. `seen`, the detail as the caller already read it, saves the first read: if it
 * is no longer current the write does not land and the change is made again on what is.
 */
export async function updateRevisionDetail(
  tx: Queryable,
  key: RevisionKey,
  change: (detail: RevisionDetail) => RevisionDetail | undefined,
  seen?: JsonText,
): Promise<RevisionDetail | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const text = attempt === 0 && seen !== undefined ? seen : await readDetail(tx, key);
    if (text === undefined) return undefined;
    const detail = objectOf(fromJson(text));
    const next = change(detail);
    if (next === undefined) return detail;
    const result = await tx
      .updateTable("revisions")
      .set({ detail: toJson(next) })
      .where("environment", "=", key.environment)
      .where("service", "=", key.service)
      .where("number", "=", key.number)
      .where("detail", "=", text)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) return next;
  }
  throw new ConflictError(
    `the detail of revision ${key.number} of ${key.service} in ${key.environment} kept changing under this write; try again`,
  );
}
