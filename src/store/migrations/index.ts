import type { Kysely } from "kysely";
import type { Dialect } from "../db.js";
import * as runs from "./0001_runs.js";
import * as access from "./0002_access.js";
import * as revisions from "./0003_revisions.js";
import * as approvals from "./0004_approvals.js";
import * as progressive from "./0005_progressive.js";
import * as releases from "./0006_releases.js";
import * as stepState from "./0007_step_state.js";
import * as accessControl from "./0008_access_control.js";
import * as auditAnchor from "./0009_audit_anchor.js";
import * as artifacts from "./0010_artifacts.js";
import * as servers from "./0011_servers.js";
import * as digestHolds from "./0012_digest_holds.js";

export interface Migration {
  /** 1, 2, 3, ... in the order they apply; the file is named after it (`0001_runs.ts`). */
  readonly number: number;
  readonly name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Every migration, in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  { number: 1, name: "runs", up: runs.up },
  { number: 2, name: "access", up: access.up },
  { number: 3, name: "revisions", up: revisions.up },
  { number: 4, name: "approvals", up: approvals.up },
  { number: 5, name: "progressive", up: progressive.up },
  { number: 6, name: "releases", up: releases.up },
  { number: 7, name: "step_state", up: stepState.up },
  { number: 8, name: "access_control", up: accessControl.up },
  { number: 9, name: "audit_anchor", up: auditAnchor.up },
  { number: 10, name: "artifacts", up: artifacts.up },
  // Numbered 13 on merge, after the migrations 11 and 12 of other branches.
  { number: 11, name: "servers", up: servers.up },
  { number: 12, name: "digest_holds", up: digestHolds.up },
];
