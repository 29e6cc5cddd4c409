import type { Logger } from "pino";
import type { AuditAnchor } from "../audit/verify.js";
import type { Platform } from "../config/types.js";
import type { EngineApi } from "../engine/api.js";
import type { Clock } from "../engine/clock.js";
import type { PlatformHolder } from "../reload/holder.js";
import type { SourceStatus } from "../reload/git-watch.js";
import type { ReloadResult, ReloadSource } from "../reload/reload.js";
import type { Db } from "../store/db.js";
import type { Targets } from "../targets/target.js";
import type { InfraSettings } from "../infra/workspace.js";
import type { SignInService } from "./sign-in/service.js";
import type { Images } from "../registry/images.js";

/** What the routes of one app share. */
export interface ApiContext {
  engine: EngineApi;
  /** The platform in use now: read it per request (a getter over `platforms`), never keep it. */
  readonly platform: Platform;
  platforms: PlatformHolder;
  /** Loads the platform file again (absent: the app was built from a platform, not a file). */
  reload: ((who: { by: string; source: ReloadSource }) => Promise<ReloadResult>) | undefined;
  /** The git source's state (undefined: the platform comes from a file). */
  platformSource: () => SourceStatus | undefined;
  /** Single sign-on, when the platform names an OpenID provider. */
  readonly signIn: SignInService | undefined;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Where each environment runs: asked what runs by the status route, never told to change anything. */
  targets: Targets;
  /** The server's state directory, where a local agent is found (never started by a read). */
  stateDir: string;
  /** The registries images are read at (a scan report's `--tag` resolved; offline: none). */
  images: Images;
  /** Where and how the server runs terraform. */
  infra: InfraSettings;
  /** The audit key and checkpoint sink, on a server that anchors its audit log. */
  auditAnchor?: AuditAnchor | undefined;
  /** This server's id in leases and `GET /v1/servers` (absent in tests that run no engine). */
  serverId?: string | undefined;
  /** Aborts when the app closes: long-lived streams end so the server can stop. */
  closing: AbortSignal;
}
