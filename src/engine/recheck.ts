/**
 * After a platform reload, runs that have not started acting yet (queued, or waiting at a gate)
 * are checked against the new version's permissions: a run whose submitter may no longer take
 * its action in one of its environments fails, with the reason in its error, its events and the
 * audit log. Its plan is never changed; approval gates are read from the version in use when
 * someone decides, so a group the new version no longer lists cannot approve.
 */
import { actionOfRun, decide } from "../access/permissions.js";
import { appendAudit } from "../audit/append.js";
import type { Platform } from "../config/types.js";
import { isKind } from "../kind.js";
import { membership } from "../access/principal.js";
import type { Db } from "../store/database.js";
import { fromJson, toJson } from "../store/json.js";
import type { JsonText } from "../store/json.js";
import { failUnfinishedReleases } from "../store/releases/update.js";
import { recordEvent } from "./events.js";
import { releaseLocks } from "../store/runs/locks.js";
import { endUnfinishedRun, wakeWaitingRuns } from "../store/runs/update.js";
import type { RunKind } from "./types.js";

interface Candidate {
  id: string;
  kind: string;
  environment: string;
  actor: string;
  request: JsonText;
  platform_version: number | null;
  actor_groups: JsonText | null;
}

/** The groups the platform file gave the user in the version the run was planned with. */
async function fileGroupsThen(db: Db, version: number | null, user: string): Promise<string[]> {
  if (version === null) return [];
  const row = await db.kysely
    .selectFrom("platform_versions")
    .select("platform")
    .where("version", "=", version)
    .executeTakeFirst();
  if (row === undefined) return [];
  const then = fromJson(row.platform as JsonText<{ users?: Record<string, { groups?: string[] }> }>);
  return then.users?.[user]?.groups ?? [];
}

/** Why the submitter may no longer run it, or undefined while they still may. */
async function refusal(db: Db, platform: Platform, run: Candidate): Promise<string | undefined> {
  if (run.actor_groups === null) return undefined;
  const recorded = fromJson(run.actor_groups as JsonText<string[]>);
  // Groups from outside the file (the provider's claim, a service token's grant) are kept; the
  // file's own come from the new version, so taking someone out of a group there counts too.
  const fromFile = new Set(await fileGroupsThen(db, run.platform_version, run.actor));
  const extra = recorded.filter((g) => !fromFile.has(g));
  const m = membership(platform, run.actor, extra, true);
  if (m === undefined) return `${run.actor} is no longer in the platform file`;
  // Pruning the registry is asked of administrators, wherever the run is listed.
  if (isKind(run, "registry-prune")) return m.admin ? undefined : `${run.actor} is no longer an administrator`;
  const action = actionOfRun(run.kind as RunKind);
  const params = fromJson(run.request as JsonText<{ params?: { to?: unknown } }>).params ?? {};
  const targets = isKind(run, "promote") && Array.isArray(params.to) ? (params.to as string[]) : [run.environment];
  for (const environment of targets) {
    if (platform.environments[environment] === undefined)
      return `the platform no longer has environment ${environment}`;
    const d = decide(platform, { user: run.actor, groups: m.groups }, action, environment);
    if (!d.allowed) return d.why;
  }
  return undefined;
}

/** Fails each run of the new version's refusals; returns their ids. */
export async function recheckUnstartedRuns(deps: {
  db: Db;
  platform: Platform;
  now: number;
  version: number;
}): Promise<string[]> {
  const { db, platform, now } = deps;
  const runs: Candidate[] = await db.kysely
    .selectFrom("runs")
    .select(["id", "kind", "environment", "actor", "request", "platform_version", "actor_groups"])
    .where("status", "in", ["queued", "waiting"])
    .execute();
  const failed: string[] = [];
  for (const run of runs) {
    const why = await refusal(db, platform, run);
    if (why === undefined) continue;
    const message = `platform version ${deps.version} no longer allows this run: ${why}`;
    const error = { kind: "forbidden", message };
    const ended = await db.transaction(async (tx) => {
      if (!(await endUnfinishedRun(tx, run.id, "failed", toJson(error), now))) return false;
      await failUnfinishedReleases(tx, run.id, now);
      for (const environment of await releaseLocks(tx, run.id)) await wakeWaitingRuns(tx, environment, now);
      await recordEvent(tx, run.id, now, { type: "run", data: { status: "failed", error } });
      const data = { environment: run.environment, reason: message, platformVersion: deps.version };
      await appendAudit(tx, db, { actor: "quikship", action: "run.revoke", subject: run.id, data }, now);
      return true;
    });
    if (ended) failed.push(run.id);
  }
  return failed;
}
