/**
 * The API's types, generated from its OpenAPI document (/openapi.json) by openapi-typescript.
 * Do not edit: run `npm run api-types` after changing a route's schemas (a test fails while this file is stale).
 */
export interface paths {
  "/auth/config": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How this server signs people in */
    get: operations["getSignInConfig"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/auth/device": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a device sign-in (RFC 8628) for `quikship login`: a code the person confirms at the provider */
    post: operations["startDeviceSignIn"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/auth/device/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Poll a device sign-in: pending until the person confirms, then the session's secret once */
    post: operations["pollDeviceSignIn"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/auth/logout": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the cookie's session (with its `x-csrf-token` header) and clear the cookie */
    post: operations["signOut"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/healthz": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process is alive */
    get: operations["checkLive"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/metrics": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations["getMetrics"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/readyz": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The database answers and is fully migrated */
    get: operations["checkReady"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Runs waiting for approval, each with whether you may decide and why */
    get: operations["listApprovals"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The runs waiting for approval as you see them, live: an `approvals` event with the list now, then one whenever it changes
     * @description Server-Sent Events. Each event carries the whole snapshot as `data`: first the current one, then a new one whenever it changes (a run submitted, moved on or decided; a revision activated or failed; made by this server or, on PostgreSQL, by another one sharing the database, which tells the others at once; after at most a second if that notification is lost). An event's `id` names its snapshot: a client reconnecting with `Last-Event-ID` gets the first event only when the snapshot differs. A comment line is sent after 15 s without events. Auth: the Authorization header, or `?access_token=` where a client cannot send headers.
     */
    get: operations["streamApprovals"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/artifacts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Register a newly built artifact and start a deploy to every environment whose trigger rules match it */
    post: operations["registerArtifact"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/artifacts/{service}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An image digest: tags, labels, where it runs, signatures, provenance and scan summary */
    get: operations["showArtifact"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/audit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Audit entries: the newest that match, oldest first */
    get: operations["listAuditEntries"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/audit/verify": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recompute the audit log's hash chain and check it against the signed checkpoints
     * @description 200 whether or not the log is intact: `ok` says which, `firstBad` names the first entry altered, removed, reordered, inserted or forged, and `anchor` says what the signed checkpoints prove.
     */
    get: operations["verifyAudit"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/history/{environment}/{service}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A service's revisions in an environment, newest first */
    get: operations["listRevisions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/history/{environment}/{service}/{revision}/rendering": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Kustomize files and built objects stored with a revision when the kubernetes target first applied it (no secret values: secrets are ExternalSecret references) */
    get: operations["getRevisionRendering"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/infra/{environment}/outputs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The root outputs of the environment's last apply; sensitive ones named, never valued */
    get: operations["getInfraOutputs"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/infra/{environment}/unlock": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Release the environment's terraform state lock by its ID (terraform force-unlock); audited */
    post: operations["unlockInfraState"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/infra/status": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Each environment with a terraform entry: last apply, drift (with the resources that differ), runs under way */
    get: operations["getInfraStatus"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/logs/{environment}/{service}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Output lines of a service's instances on the local target, oldest first
     * @description Follow by calling again with `after` set to the `last` of the previous answer.
     */
    get: operations["getLogs"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/permissions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether a user (you, unless named) may take an action, or each action, in an environment, and why */
    get: operations["checkPermission"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/environments": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The environment ladder in order */
    get: operations["listEnvironments"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/environments/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One environment in detail, with whether its deployment window is open now (or ?at=) */
    get: operations["getEnvironment"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/reload": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Load the platform file again: validated in full, stored as a new version, audited with its diff
     * @description An invalid file is refused (400) with its located errors in `details.errors`; the version in use stays.
     */
    post: operations["reloadPlatform"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/services": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The services of the server's platform file */
    get: operations["listServices"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/source": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where this server's platform comes from: a file, or a git ref with the commit in use and a refused one */
    get: operations["getPlatformSource"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/variables": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Effective variables of an environment (and a service) for an operation, each with the group it came from; secrets masked */
    get: operations["listVariables"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/platform/versions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The platform versions this database has seen, newest first, each with its changes */
    get: operations["listPlatformVersions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/preview": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** What a deploy would change — revisions, replicas, strategy, variables (secrets masked), gates — changing nothing */
    post: operations["previewDeploy"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/registry/prune": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Delete a service's old image tags, keeping the newest and every rollback candidate */
    post: operations["pruneRegistry"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/releases": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Releases with their artifacts, newest first */
    get: operations["listReleases"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/releases/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A release with its artifacts */
    get: operations["getRelease"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List runs, newest first */
    get: operations["listRuns"];
    put?: never;
    /** Start a run; the actor is the token's user */
    post: operations["createRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run with its stages and steps */
    get: operations["getRun"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/abort": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Abort the rollout: all traffic back on the stable revision at once, then roll back */
    post: operations["abortRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/approve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a run waiting for approval, for a group of yours the gate waits for */
    post: operations["approveRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a queued, waiting or running run */
    post: operations["cancelRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A run's events: a Server-Sent Events stream until the run ends, or with ?format=json the events so far
     * @description SSE: each event has `id` (resume with Last-Event-ID or ?after=), `event` (run, step or log) and `data` (the event as JSON); the stream ends with an `end` event carrying the run's final status. A comment line is sent every 15 s as a heartbeat.
     */
    get: operations["streamRunEvents"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/explain": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Why a run waits — missing approvals by group, the next window opening, the run holding a lock — and when it can go on; every gate still ahead, emergency overrides, and the next automatic or scheduled promotion */
    get: operations["explainRun"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/promote-step": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the current canary step or blue-green analysis early, or go on from a pause */
    post: operations["promoteRunStep"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/{id}/reject": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a run waiting for approval; it fails with the comment */
    post: operations["rejectRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/runs/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The runs list, live: a `runs` event with the list `GET /v1/runs` answers for the same filters now, then one whenever it changes
     * @description Server-Sent Events. Each event carries the whole snapshot as `data`: first the current one, then a new one whenever it changes (a run submitted, moved on or decided; a revision activated or failed; made by this server or, on PostgreSQL, by another one sharing the database, which tells the others at once; after at most a second if that notification is lost). An event's `id` names its snapshot: a client reconnecting with `Last-Event-ID` gets the first event only when the snapshot differs. A comment line is sent after 15 s without events. Auth: the Authorization header, or `?access_token=` where a client cannot send headers.
     */
    get: operations["streamRuns"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/scan-reports": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The scan report stored for an image digest */
    get: operations["getScanReport"];
    put?: never;
    /** Store the scan report of an image digest (replacing the one before); audited */
    post: operations["uploadScanReport"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/servers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The servers sharing this database: identity, heartbeat, the runs each holds */
    get: operations["listServers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/status": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The environment × service matrix: active revision, replicas, health, rollouts in progress, router */
    get: operations["getStatus"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/status/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The status matrix, live: a `status` event with the matrix now, then one whenever it changes
     * @description Server-Sent Events. Each event carries the whole snapshot as `data`: first the current one, then a new one whenever it changes (a run submitted, moved on or decided; a revision activated or failed; made by this server or, on PostgreSQL, by another one sharing the database, which tells the others at once; after at most a second if that notification is lost). An event's `id` names its snapshot: a client reconnecting with `Last-Event-ID` gets the first event only when the snapshot differs. A comment line is sent after 15 s without events. Auth: the Authorization header, or `?access_token=` where a client cannot send headers.
     */
    get: operations["streamStatus"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List tokens, revoked ones included: all of them for administrators, your own for others */
    get: operations["listTokens"];
    put?: never;
    /** Issue a token to a user (administrators); it acts as the user, and approves only where the platform names no sign-in provider */
    post: operations["issueToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a token: your own, or (administrators) any but another person's personal token */
    delete: operations["revokeToken"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens/{id}/rotate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace a token by a new one of the same kind and owner; the old one is revoked at once */
    post: operations["rotateToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens/personal": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a personal token for yourself (signed in, or with a personal token of yours) */
    post: operations["createPersonalToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens/service": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a service token for CI or a bot (administrators); service tokens never approve */
    post: operations["createServiceToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/traffic/{environment}/{service}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Requests, errors, error rate and p99 latency per revision of a service, with the analysis thresholds */
    get: operations["getTraffic"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/whoami": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user and groups the token or session acts as, and how it authenticated */
    get: operations["whoami"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getSignInConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The provider's issuer URL, when there is one. */
            issuer?: string;
            /** @description Whether this server signs people in through an OpenID provider. */
            oidc: boolean;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  startDeviceSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description What the CLI polls with; not for the person. */
            deviceCode: string;
            expiresInSeconds: number;
            intervalSeconds: number;
            /** @description What the person confirms at the provider. */
            userCode: string;
            verificationUri: string;
            verificationUriComplete?: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  pollDeviceSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          deviceCode: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                /** @enum {string} */
                status: "pending" | "slow-down";
              }
            | {
                expiresAt: number;
                /** @description The platform groups mapped from the provider's groups claim. */
                groups: string[];
                session: string;
                /** @enum {string} */
                status: "done";
                /** @description The session's secret (qs_...): a bearer token until the session ends. Shown once. */
                token: string;
                user: string;
              };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  checkLive: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            status: "ok";
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Prometheus text format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/plain": string;
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/plain": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  checkReady: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            migration: number;
            /** @enum {string} */
            status: "ready";
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listApprovals: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The decisions made so far, oldest first. */
            decisions: {
              actor: string;
              at: number;
              comment?: string;
              /** @enum {string} */
              decision: "approve" | "reject";
              group: string;
            }[];
            /** @description Whose approval the run waits for. */
            environment: string;
            /** @description Whether the caller may decide now. */
            mayApprove: boolean;
            /** @description A run with its stages and steps. */
            run: {
              actor: string;
              /** @description Milliseconds since the epoch, like every time in the API. */
              createdAt: number;
              environment: string;
              error: {
                /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                details?: unknown;
                kind: string;
                message: string;
                step?: string;
              } | null;
              finishedAt: number | null;
              id: string;
              /** @enum {string} */
              kind:
                | "deploy"
                | "rollback"
                | "restart"
                | "scale"
                | "promote"
                | "script"
                | "noop"
                | "infra"
                | "expire-standby"
                | "registry-prune";
              /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
              request: {
                environment: string;
                kind: string;
                params: {
                  [key: string]: unknown;
                };
                services: string[];
              };
              services: string[];
              stages: {
                environment: string | null;
                key: string;
                steps: {
                  attempts: number;
                  error: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  } | null;
                  finishedAt: number | null;
                  key: string;
                  kind: string;
                  /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                  output:
                    | {
                        /** @description The revisions' counters when the phase began: what the phase is judged on. */
                        baseline: {
                          canary: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                          stable: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                        } | null;
                        /** @enum {string|null} */
                        pausedFrom: "baking" | "preview" | "switched" | null;
                        /** @enum {string} */
                        phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                        phaseStartedAt: number;
                        /** @description The stable revision it is judged against. */
                        previous: number | null;
                        revision: number;
                        /** @description Canary: the current step, counted from 1; null for blue-green. */
                        step: number | null;
                        /** @description Canary: how many steps the plan has; null for blue-green. */
                        steps: number | null;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        /** @description The new revision's weight over time. */
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        previous: number | null;
                        revision: number;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        revision: number;
                        tag: string;
                      }
                    | {
                        exit: number | string;
                        name: string;
                        passed: boolean;
                        required: boolean;
                        results: {
                          files: string[];
                          junit: {
                            errors: number;
                            failed: {
                              /** @enum {string} */
                              kind: "failure" | "error";
                              message: string;
                              name: string;
                              suite: string;
                            }[];
                            failures: number;
                            passed: number;
                            skipped: number;
                            tests: number;
                            timeMs: number | null;
                          } | null;
                          load: {
                            errorRatePercent: number | null;
                            failedThresholds: string[];
                            p95Ms: number | null;
                            p99Ms: number | null;
                            requests: number | null;
                            requestsPerSecond: number | null;
                          } | null;
                          problems: string[];
                        };
                        summary: string;
                      }
                    | {
                        environment: string;
                        images: {
                          allowed: {
                            id: string;
                            reason: string | null;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                            until: string;
                          }[];
                          blocking: {
                            id: string;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                          }[];
                          digest: string | null;
                          expired: {
                            id: string;
                            until: string;
                          }[];
                          passes: boolean;
                          report: {
                            counts: {
                              [key: string]: number;
                            };
                            /** @enum {string} */
                            format: "sarif" | "trivy";
                            receivedAtMs: number;
                            tool: string;
                          } | null;
                          service: string;
                          /** @enum {string} */
                          verdict: "clear" | "blocked" | "unscanned";
                        }[];
                        policy: {
                          block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                          requireReport: boolean;
                        } | null;
                      }
                    | {
                        [key: string]: unknown;
                      }
                    | (never | null);
                  startedAt: number | null;
                  /** @enum {string} */
                  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                  title: string;
                }[];
                title: string;
              }[];
              startedAt: number | null;
              /** @enum {string} */
              status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
              waitReason:
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "approval";
                    message: string;
                    pending: string[];
                  }
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "window";
                    message: string;
                    opensAtMs: number | null;
                    timezone: string;
                  }
                | {
                    environment: string;
                    heldBy: string;
                    /** @enum {string} */
                    kind: "lock";
                    message: string;
                    service: string;
                  }
                | {
                    /** @enum {string} */
                    kind: "timer";
                    message: string;
                    untilMs: number;
                  }
                | {
                    /** @enum {string} */
                    kind: "manual";
                    message: string;
                  }
                | {
                    endsAtMs: number | null;
                    environment: string;
                    /** @enum {string} */
                    kind: "analysis";
                    message: string;
                    paused: boolean;
                    phase: string;
                    reasons: string[];
                    revision: number;
                    service: string;
                    stable: number | null;
                    /** @enum {string} */
                    strategy: "canary" | "blue-green";
                    weight: number;
                  }
                | (never | null);
            };
            /** @description The groups a member of which can approve now. */
            waitingFor: string[];
            /** @description "as GROUP" when the caller may; otherwise why not (requested it, already decided, not a member). */
            why: string;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  streamApprovals: {
    parameters: {
      query?: {
        /** @description The bearer token, for a client that cannot send the Authorization header (a browser's EventSource). Accepted by the event streams only; never logged. */
        access_token?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream of `approvals` events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/event-stream": {
            /** @description The decisions made so far, oldest first. */
            decisions: {
              actor: string;
              at: number;
              comment?: string;
              /** @enum {string} */
              decision: "approve" | "reject";
              group: string;
            }[];
            /** @description Whose approval the run waits for. */
            environment: string;
            /** @description Whether the caller may decide now. */
            mayApprove: boolean;
            /** @description A run with its stages and steps. */
            run: {
              actor: string;
              /** @description Milliseconds since the epoch, like every time in the API. */
              createdAt: number;
              environment: string;
              error: {
                /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                details?: unknown;
                kind: string;
                message: string;
                step?: string;
              } | null;
              finishedAt: number | null;
              id: string;
              /** @enum {string} */
              kind:
                | "deploy"
                | "rollback"
                | "restart"
                | "scale"
                | "promote"
                | "script"
                | "noop"
                | "infra"
                | "expire-standby"
                | "registry-prune";
              /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
              request: {
                environment: string;
                kind: string;
                params: {
                  [key: string]: unknown;
                };
                services: string[];
              };
              services: string[];
              stages: {
                environment: string | null;
                key: string;
                steps: {
                  attempts: number;
                  error: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  } | null;
                  finishedAt: number | null;
                  key: string;
                  kind: string;
                  /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                  output:
                    | {
                        /** @description The revisions' counters when the phase began: what the phase is judged on. */
                        baseline: {
                          canary: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                          stable: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                        } | null;
                        /** @enum {string|null} */
                        pausedFrom: "baking" | "preview" | "switched" | null;
                        /** @enum {string} */
                        phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                        phaseStartedAt: number;
                        /** @description The stable revision it is judged against. */
                        previous: number | null;
                        revision: number;
                        /** @description Canary: the current step, counted from 1; null for blue-green. */
                        step: number | null;
                        /** @description Canary: how many steps the plan has; null for blue-green. */
                        steps: number | null;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        /** @description The new revision's weight over time. */
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        previous: number | null;
                        revision: number;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        revision: number;
                        tag: string;
                      }
                    | {
                        exit: number | string;
                        name: string;
                        passed: boolean;
                        required: boolean;
                        results: {
                          files: string[];
                          junit: {
                            errors: number;
                            failed: {
                              /** @enum {string} */
                              kind: "failure" | "error";
                              message: string;
                              name: string;
                              suite: string;
                            }[];
                            failures: number;
                            passed: number;
                            skipped: number;
                            tests: number;
                            timeMs: number | null;
                          } | null;
                          load: {
                            errorRatePercent: number | null;
                            failedThresholds: string[];
                            p95Ms: number | null;
                            p99Ms: number | null;
                            requests: number | null;
                            requestsPerSecond: number | null;
                          } | null;
                          problems: string[];
                        };
                        summary: string;
                      }
                    | {
                        environment: string;
                        images: {
                          allowed: {
                            id: string;
                            reason: string | null;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                            until: string;
                          }[];
                          blocking: {
                            id: string;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                          }[];
                          digest: string | null;
                          expired: {
                            id: string;
                            until: string;
                          }[];
                          passes: boolean;
                          report: {
                            counts: {
                              [key: string]: number;
                            };
                            /** @enum {string} */
                            format: "sarif" | "trivy";
                            receivedAtMs: number;
                            tool: string;
                          } | null;
                          service: string;
                          /** @enum {string} */
                          verdict: "clear" | "blocked" | "unscanned";
                        }[];
                        policy: {
                          block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                          requireReport: boolean;
                        } | null;
                      }
                    | {
                        [key: string]: unknown;
                      }
                    | (never | null);
                  startedAt: number | null;
                  /** @enum {string} */
                  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                  title: string;
                }[];
                title: string;
              }[];
              startedAt: number | null;
              /** @enum {string} */
              status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
              waitReason:
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "approval";
                    message: string;
                    pending: string[];
                  }
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "window";
                    message: string;
                    opensAtMs: number | null;
                    timezone: string;
                  }
                | {
                    environment: string;
                    heldBy: string;
                    /** @enum {string} */
                    kind: "lock";
                    message: string;
                    service: string;
                  }
                | {
                    /** @enum {string} */
                    kind: "timer";
                    message: string;
                    untilMs: number;
                  }
                | {
                    /** @enum {string} */
                    kind: "manual";
                    message: string;
                  }
                | {
                    endsAtMs: number | null;
                    environment: string;
                    /** @enum {string} */
                    kind: "analysis";
                    message: string;
                    paused: boolean;
                    phase: string;
                    reasons: string[];
                    revision: number;
                    service: string;
                    stable: number | null;
                    /** @enum {string} */
                    strategy: "canary" | "blue-green";
                    weight: number;
                  }
                | (never | null);
            };
            /** @description The groups a member of which can approve now. */
            waitingFor: string[];
            /** @description "as GROUP" when the caller may; otherwise why not (requested it, already decided, not a member). */
            why: string;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  registerArtifact: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A newly built artifact. Give exactly one of branch and gitTag. */
    requestBody: {
      content: {
        "application/json": {
          /** @description The branch it was built from. */
          branch?: string;
          /** @description The source commit the image was built from. */
          commit?: string;
          /**
           * Format: date-time
           * @description When that commit was made (ISO 8601): where lead time starts.
           */
          commitTime?: string;
          /** @description The pushed image's digest, so promotion can pin exactly what was built. */
          digest?: string;
          /** @description The git tag it was built from. */
          gitTag?: string;
          /** @description The service the artifact is an image of. */
          service: string;
          /** @description The image tag that was built. */
          tag: string;
        };
      };
    };
    responses: {
      /** @description The artifact and the runs it started. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            artifact: {
              branch?: string;
              commit?: string;
              commitTime?: string;
              digest?: string;
              gitTag?: string;
              service: string;
              tag: string;
            };
            /** @description What was started, or that no rule matched. */
            message: string;
            /** @description One deploy run per environment whose trigger rules match, in ladder order. */
            runs: {
              actor: string;
              /** @description Milliseconds since the epoch, like every time in the API. */
              createdAt: number;
              environment: string;
              error: {
                /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                details?: unknown;
                kind: string;
                message: string;
                step?: string;
              } | null;
              finishedAt: number | null;
              id: string;
              /** @enum {string} */
              kind:
                | "deploy"
                | "rollback"
                | "restart"
                | "scale"
                | "promote"
                | "script"
                | "noop"
                | "infra"
                | "expire-standby"
                | "registry-prune";
              /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
              request: {
                environment: string;
                kind: string;
                params: {
                  [key: string]: unknown;
                };
                services: string[];
              };
              services: string[];
              stages: {
                environment: string | null;
                key: string;
                steps: {
                  attempts: number;
                  error: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  } | null;
                  finishedAt: number | null;
                  key: string;
                  kind: string;
                  /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                  output:
                    | {
                        /** @description The revisions' counters when the phase began: what the phase is judged on. */
                        baseline: {
                          canary: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                          stable: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                        } | null;
                        /** @enum {string|null} */
                        pausedFrom: "baking" | "preview" | "switched" | null;
                        /** @enum {string} */
                        phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                        phaseStartedAt: number;
                        /** @description The stable revision it is judged against. */
                        previous: number | null;
                        revision: number;
                        /** @description Canary: the current step, counted from 1; null for blue-green. */
                        step: number | null;
                        /** @description Canary: how many steps the plan has; null for blue-green. */
                        steps: number | null;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        /** @description The new revision's weight over time. */
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        previous: number | null;
                        revision: number;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        revision: number;
                        tag: string;
                      }
                    | {
                        exit: number | string;
                        name: string;
                        passed: boolean;
                        required: boolean;
                        results: {
                          files: string[];
                          junit: {
                            errors: number;
                            failed: {
                              /** @enum {string} */
                              kind: "failure" | "error";
                              message: string;
                              name: string;
                              suite: string;
                            }[];
                            failures: number;
                            passed: number;
                            skipped: number;
                            tests: number;
                            timeMs: number | null;
                          } | null;
                          load: {
                            errorRatePercent: number | null;
                            failedThresholds: string[];
                            p95Ms: number | null;
                            p99Ms: number | null;
                            requests: number | null;
                            requestsPerSecond: number | null;
                          } | null;
                          problems: string[];
                        };
                        summary: string;
                      }
                    | {
                        environment: string;
                        images: {
                          allowed: {
                            id: string;
                            reason: string | null;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                            until: string;
                          }[];
                          blocking: {
                            id: string;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                          }[];
                          digest: string | null;
                          expired: {
                            id: string;
                            until: string;
                          }[];
                          passes: boolean;
                          report: {
                            counts: {
                              [key: string]: number;
                            };
                            /** @enum {string} */
                            format: "sarif" | "trivy";
                            receivedAtMs: number;
                            tool: string;
                          } | null;
                          service: string;
                          /** @enum {string} */
                          verdict: "clear" | "blocked" | "unscanned";
                        }[];
                        policy: {
                          block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                          requireReport: boolean;
                        } | null;
                      }
                    | {
                        [key: string]: unknown;
                      }
                    | (never | null);
                  startedAt: number | null;
                  /** @enum {string} */
                  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                  title: string;
                }[];
                title: string;
              }[];
              startedAt: number | null;
              /** @enum {string} */
              status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
              waitReason:
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "approval";
                    message: string;
                    pending: string[];
                  }
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "window";
                    message: string;
                    opensAtMs: number | null;
                    timezone: string;
                  }
                | {
                    environment: string;
                    heldBy: string;
                    /** @enum {string} */
                    kind: "lock";
                    message: string;
                    service: string;
                  }
                | {
                    /** @enum {string} */
                    kind: "timer";
                    message: string;
                    untilMs: number;
                  }
                | {
                    /** @enum {string} */
                    kind: "manual";
                    message: string;
                  }
                | {
                    endsAtMs: number | null;
                    environment: string;
                    /** @enum {string} */
                    kind: "analysis";
                    message: string;
                    paused: boolean;
                    phase: string;
                    reasons: string[];
                    revision: number;
                    service: string;
                    stable: number | null;
                    /** @enum {string} */
                    strategy: "canary" | "blue-green";
                    weight: number;
                  }
                | (never | null);
            }[];
          };
        };
      };
      /** @description The artifact and the runs it started. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            artifact: {
              branch?: string;
              commit?: string;
              commitTime?: string;
              digest?: string;
              gitTag?: string;
              service: string;
              tag: string;
            };
            /** @description What was started, or that no rule matched. */
            message: string;
            /** @description One deploy run per environment whose trigger rules match, in ladder order. */
            runs: {
              actor: string;
              /** @description Milliseconds since the epoch, like every time in the API. */
              createdAt: number;
              environment: string;
              error: {
                /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                details?: unknown;
                kind: string;
                message: string;
                step?: string;
              } | null;
              finishedAt: number | null;
              id: string;
              /** @enum {string} */
              kind:
                | "deploy"
                | "rollback"
                | "restart"
                | "scale"
                | "promote"
                | "script"
                | "noop"
                | "infra"
                | "expire-standby"
                | "registry-prune";
              /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
              request: {
                environment: string;
                kind: string;
                params: {
                  [key: string]: unknown;
                };
                services: string[];
              };
              services: string[];
              stages: {
                environment: string | null;
                key: string;
                steps: {
                  attempts: number;
                  error: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  } | null;
                  finishedAt: number | null;
                  key: string;
                  kind: string;
                  /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                  output:
                    | {
                        /** @description The revisions' counters when the phase began: what the phase is judged on. */
                        baseline: {
                          canary: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                          stable: {
                            errors: number;
                            latency: {
                              counts: number[];
                              le: number[];
                              sumMs: number;
                            };
                            requests: number;
                          };
                        } | null;
                        /** @enum {string|null} */
                        pausedFrom: "baking" | "preview" | "switched" | null;
                        /** @enum {string} */
                        phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                        phaseStartedAt: number;
                        /** @description The stable revision it is judged against. */
                        previous: number | null;
                        revision: number;
                        /** @description Canary: the current step, counted from 1; null for blue-green. */
                        step: number | null;
                        /** @description Canary: how many steps the plan has; null for blue-green. */
                        steps: number | null;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        /** @description The new revision's weight over time. */
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        previous: number | null;
                        revision: number;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        tag: string;
                        timeline: {
                          at: number;
                          weight: number;
                        }[];
                      }
                    | {
                        revision: number;
                        tag: string;
                      }
                    | {
                        exit: number | string;
                        name: string;
                        passed: boolean;
                        required: boolean;
                        results: {
                          files: string[];
                          junit: {
                            errors: number;
                            failed: {
                              /** @enum {string} */
                              kind: "failure" | "error";
                              message: string;
                              name: string;
                              suite: string;
                            }[];
                            failures: number;
                            passed: number;
                            skipped: number;
                            tests: number;
                            timeMs: number | null;
                          } | null;
                          load: {
                            errorRatePercent: number | null;
                            failedThresholds: string[];
                            p95Ms: number | null;
                            p99Ms: number | null;
                            requests: number | null;
                            requestsPerSecond: number | null;
                          } | null;
                          problems: string[];
                        };
                        summary: string;
                      }
                    | {
                        environment: string;
                        images: {
                          allowed: {
                            id: string;
                            reason: string | null;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                            until: string;
                          }[];
                          blocking: {
                            id: string;
                            /** @enum {string} */
                            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                            title: string;
                          }[];
                          digest: string | null;
                          expired: {
                            id: string;
                            until: string;
                          }[];
                          passes: boolean;
                          report: {
                            counts: {
                              [key: string]: number;
                            };
                            /** @enum {string} */
                            format: "sarif" | "trivy";
                            receivedAtMs: number;
                            tool: string;
                          } | null;
                          service: string;
                          /** @enum {string} */
                          verdict: "clear" | "blocked" | "unscanned";
                        }[];
                        policy: {
                          block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                          requireReport: boolean;
                        } | null;
                      }
                    | {
                        [key: string]: unknown;
                      }
                    | (never | null);
                  startedAt: number | null;
                  /** @enum {string} */
                  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                  title: string;
                }[];
                title: string;
              }[];
              startedAt: number | null;
              /** @enum {string} */
              status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
              waitReason:
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "approval";
                    message: string;
                    pending: string[];
                  }
                | {
                    environment: string;
                    /** @enum {string} */
                    kind: "window";
                    message: string;
                    opensAtMs: number | null;
                    timezone: string;
                  }
                | {
                    environment: string;
                    heldBy: string;
                    /** @enum {string} */
                    kind: "lock";
                    message: string;
                    service: string;
                  }
                | {
                    /** @enum {string} */
                    kind: "timer";
                    message: string;
                    untilMs: number;
                  }
                | {
                    /** @enum {string} */
                    kind: "manual";
                    message: string;
                  }
                | {
                    endsAtMs: number | null;
                    environment: string;
                    /** @enum {string} */
                    kind: "analysis";
                    message: string;
                    paused: boolean;
                    phase: string;
                    reasons: string[];
                    revision: number;
                    service: string;
                    stable: number | null;
                    /** @enum {string} */
                    strategy: "canary" | "blue-green";
                    weight: number;
                  }
                | (never | null);
            }[];
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  showArtifact: {
    parameters: {
      query?: {
        /** @description A tag or a sha256 digest (default: the digest the service runs in the last environment that runs one). */
        reference?: string;
      };
      header?: never;
      path: {
        /** @description Service name. */
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One image digest: where it runs, its labels, signatures, provenance and scan summary. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            created: string | null;
            digest: string;
            /** @description host/repository */
            image: string;
            labels: {
              [key: string]: string;
            };
            /** @description os/architecture of the image read (linux/amd64 of an index). */
            platform: string | null;
            provenance: {
              builderId: string | null;
              buildType: string | null;
              commit: string | null;
              predicateType: string;
              /** @description The trusted key whose signature verifies it; null when none does. */
              verifiedBy: string | null;
            }[];
            /** @description Revisions with this digest, per environment (active and rollback candidates). */
            runs: {
              activatedAt: number | null;
              environment: string;
              revision: number;
              status: string;
              tag: string;
            }[];
            /** @description The newest scan report of the digest (quikship ci scan-report); null when none. */
            scan: {
              /** @description Findings per severity. */
              counts: {
                [key: string]: number;
              };
              format: string;
              receivedAt: number;
              tool: string;
            } | null;
            service: string;
            /** @description Signatures stored for the digest, each checked against the keys every environment trusts. */
            signatures: (
              | {
                  keyId: string;
                  keySource: string;
                  /** @enum {string} */
                  status: "verified";
                }
              | {
                  reason: string;
                  /** @enum {string} */
                  status: "untrusted";
                }
            )[];
            /** @description The repository's tags that point at this digest now. */
            tags: string[];
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listAuditEntries: {
    parameters: {
      query?: {
        /** @description Only entries of this action, e.g. run.submit. */
        action?: string;
        /** @description Only entries about this environment (name or alias): its `data.environment`, or its subject. */
        env?: string;
        /** @description At most this many entries: the newest that match, oldest first. */
        limit?: number;
        /** @description Only entries at or after this moment: an ISO 8601 date-time, or milliseconds since the epoch. */
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            action: string;
            /** @description The token's user, or quikship for what the server does by itself. */
            actor: string;
            at: number;
            data: {
              [key: string]: unknown;
            };
            /** @description sha256(prevHash + "\n" + canonical JSON of {seq, at, actor, action, subject, data}). */
            hash: string;
            prevHash: string;
            /** @description 1, 2, 3, ... without gaps. */
            seq: number;
            subject: string;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  verifyAudit: {
    parameters: {
      query?: {
        /** @description SEQ:HASH of an entry kept elsewhere: verification fails when it is gone (the log was cut short) or differs. */
        known?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The audit log's hash chain recomputed from the first entry and checked against the signed checkpoints: intact, or the first entry that is not. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                /** @description The signed checkpoints' part: `off` when the server holds no audit key, so only the hash chain was checked. */
                anchor:
                  | {
                      message: string;
                      /** @enum {string} */
                      state: "off";
                    }
                  | {
                      /** @description Valid signed checkpoints found, in the database and the sink together. */
                      checkpoints: number;
                      /** @description The first 16 hex digits of sha256 of the audit key's public half. */
                      keyId: string;
                      /** @description The newest valid checkpoint: the log up to it is proven; entries after it are not. */
                      last: {
                        at: number;
                        seq: number;
                      } | null;
                      /** @description What the checkpoints prove, and what they cannot. */
                      message: string;
                      /** @enum {string} */
                      state: "on";
                    };
                entries: number;
                /** @description The newest entry; keep its seq and hash elsewhere to detect a log cut short later (`known`). */
                last: {
                  at: number;
                  hash: string;
                  seq: number;
                } | null;
                /** @enum {boolean} */
                ok: true;
              }
            | {
                /** @description The signed checkpoints' part: `off` when the server holds no audit key, so only the hash chain was checked. */
                anchor:
                  | {
                      message: string;
                      /** @enum {string} */
                      state: "off";
                    }
                  | {
                      /** @description Valid signed checkpoints found, in the database and the sink together. */
                      checkpoints: number;
                      /** @description The first 16 hex digits of sha256 of the audit key's public half. */
                      keyId: string;
                      /** @description The newest valid checkpoint: the log up to it is proven; entries after it are not. */
                      last: {
                        at: number;
                        seq: number;
                      } | null;
                      /** @description What the checkpoints prove, and what they cannot. */
                      message: string;
                      /** @enum {string} */
                      state: "on";
                    };
                entries: number;
                firstBad: {
                  message: string;
                  /** @enum {string} */
                  problem: "altered" | "removed" | "reordered" | "inserted" | "forged";
                  seq: number;
                };
                /** @enum {boolean} */
                ok: false;
              };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listRevisions: {
    parameters: {
      query?: {
        /** @description At most this many revisions, newest first. */
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Environment name or alias. */
        environment: string;
        /** @description Service name. */
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A service's revisions in an environment, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            revisions: {
              activatedAt: number | null;
              actor: string | null;
              /** @description "deploy", "rollback to revision N", ... */
              cause: string | null;
              createdAt: number;
              /** @description The image digest the revision runs; null where no registry is asked. */
              digest: string | null;
              replicas: number;
              revision: number;
              runId: string;
              /** @enum {string} */
              status: "pending" | "active" | "standby" | "superseded" | "failed";
              tag: string;
            }[];
            service: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getRevisionRendering: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Environment name or alias. */
        environment: string;
        /** @description Revision number, or `running`: the service's active revision in the environment. */
        revision: "running" | number;
        /** @description Service name. */
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rendering stored with a revision the first time the kubernetes target applied it. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            /** @description The tree's files rendered for the revision, sorted by path. */
            files: {
              content: string;
              /** @description Path in the Kustomize tree, such as overlays/live/api/kustomization.yaml. */
              path: string;
            }[];
            /** @description The objects those files build to: what the target applied. */
            objects: ({
              apiVersion: string;
              kind: string;
              metadata: {
                name: string;
              } & {
                [key: string]: unknown;
              };
            } & {
              [key: string]: unknown;
            })[];
            revision: number;
            service: string;
            /** @description The image tag the revision was rendered with. */
            tag: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getInfraOutputs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        environment: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            outputs: {
              [key: string]:
                | {
                    /** @enum {boolean} */
                    sensitive: false;
                    type: unknown;
                    value: unknown;
                  }
                | {
                    /** @enum {boolean} */
                    sensitive: true;
                    type: unknown;
                  };
            };
            /** @description The apply the outputs come from; null when none succeeded yet. */
            run: string | null;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  unlockInfraState: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        environment: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The lock's ID, as terraform (and quikship's error) reports it. */
          lockId: string;
          /** @description Why; kept in the audit log. */
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            lockId: string;
            /** @enum {boolean} */
            unlocked: true;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getInfraStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            active: {
              action: string;
              run: string;
              status: string;
              waiting: string | null;
            }[];
            /** @description The last drift check (a refresh-only plan); unknown when none was made since the last apply. */
            drift:
              | {
                  /** @enum {string} */
                  status: "unknown";
                }
              | {
                  checkedAtMs: number;
                  run: string;
                  /** @enum {string} */
                  status: "up-to-date";
                }
              | {
                  checkedAtMs: number;
                  outputs: {
                    action: string;
                    name: string;
                    sensitive: boolean;
                  }[];
                  resources: {
                    action: string;
                    address: string;
                    previousAddress?: string;
                    reason?: string;
                  }[];
                  run: string;
                  /** @enum {string} */
                  status: "drifted";
                };
            environment: string;
            lastApply: {
              at: number;
              counts: {
                add: number;
                change: number;
                import: number;
                remove: number;
              };
              outputs: {
                [key: string]:
                  | {
                      /** @enum {boolean} */
                      sensitive: false;
                      type: unknown;
                      value: unknown;
                    }
                  | {
                      /** @enum {boolean} */
                      sensitive: true;
                      type: unknown;
                    };
              };
              /** @description The module revision applied (sha256 of the module's files). */
              revision: string;
              run: string;
            } | null;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getLogs: {
    parameters: {
      query?: {
        /** @description Only lines with a greater `seq`: pass the `last` of the previous answer to follow. */
        after?: number;
        /** @description Only the lines of this revision's instances. */
        revision?: number;
      };
      header?: never;
      path: {
        /** @description Environment name or alias. */
        environment: string;
        /** @description Service name. */
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Output lines of a service's instances, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            /** @description The greatest seq answered (or `after` when none): the `after` of the next call. */
            last: number;
            lines: {
              at: number;
              instance: string;
              seq: number;
              /** @enum {string} */
              stream: "stdout" | "stderr" | "agent";
              /** @description Secret values masked as ********. */
              text: string;
            }[];
            service: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  checkPermission: {
    parameters: {
      query: {
        /** @description One action; every action when absent. */
        action?:
          | "deploy"
          | "promote"
          | "rollback"
          | "restart"
          | "scale"
          | "cancel"
          | "abort"
          | "promote-step"
          | "infra"
          | "logs"
          | "variables";
        environment: string;
        /** @description A user of the platform file (administrators may ask about anyone); yourself when absent. */
        user?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            decisions: {
              /** @enum {string} */
              action:
                | "deploy"
                | "promote"
                | "rollback"
                | "restart"
                | "scale"
                | "cancel"
                | "abort"
                | "promote-step"
                | "infra"
                | "logs"
                | "variables";
              allowed: boolean;
              allowedGroups?: string[];
              group?: string;
              why: string;
            }[];
            environment: string;
            groups: string[];
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listEnvironments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": ({
            aliases: string[];
            approvals: {
              groups: string[];
              minimum?: number;
              policy: string;
              preventSelfApproval: boolean;
              timeout: string;
            } | null;
            from: string | null;
            lock: string;
            name: string;
            namespace: string;
            /** @description 0 for the first rung of the ladder. */
            position: number;
            purpose: string | null;
            replicas: {
              max: number;
              min: number;
            };
            strategy: {
              type: string;
            } & {
              [key: string]: unknown;
            };
            target: string;
            tier: string;
            windows:
              | ({
                  timezone: string;
                } & {
                  [key: string]: unknown;
                })
              | null;
          } & {
            [key: string]: unknown;
          })[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getEnvironment: {
    parameters: {
      query?: {
        /** @description Evaluate the deployment window at this ISO 8601 date-time instead of now. */
        at?: string;
      };
      header?: never;
      path: {
        /** @description An environment name or alias. */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One environment in detail, with whether its deployment window is open at the moment asked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            aliases: string[];
            allowSkipTests: boolean;
            approvals: {
              groups: string[];
              minimum?: number;
              policy: string;
              preventSelfApproval: boolean;
              timeout: string;
            } | null;
            from: string | null;
            ladder: {
              from: string | null;
              next: string[];
              of: number;
              /** @description 1 for the first rung. */
              position: number;
            };
            lock: string;
            name: string;
            namespace: string;
            /** @description 0 for the first rung of the ladder. */
            position: number;
            purpose: string | null;
            replicas: {
              max: number;
              min: number;
            };
            strategy: {
              type: string;
            } & {
              [key: string]: unknown;
            };
            target: string;
            tests: {
              kind: string;
              name: string;
              required: boolean;
            }[];
            tier: string;
            window: {
              /** @description The moment evaluated, ISO 8601. */
              at: string;
              closesAt: {
                local: string;
                utc: string;
              } | null;
              nextOpening: {
                local: string;
                utc: string;
              } | null;
              open: boolean;
              /** @description Why the window is closed (outside the weekly windows, or a freeze). */
              reason: string | null;
            };
            windows:
              | ({
                  timezone: string;
                } & {
                  [key: string]: unknown;
                })
              | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  reloadPlatform: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Nothing: the server loads the file it was started with. */
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            changes?: {
              after: unknown;
              before: unknown;
              path: string;
            }[];
            commit?: string;
            hash: string;
            /** @enum {string} */
            outcome: "reloaded" | "unchanged";
            previous?: number;
            truncated?: number;
            version: number;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listServices: {
    parameters: {
      query?: {
        /** @description Only the services of this stack. */
        stack?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            dependsOn: string[];
            healthPath: string;
            image: string;
            name: string;
            port: number;
            repository: string | null;
            stack: string;
            /** @description The service's own strategy type, or null when it takes its environment's. */
            strategy: string | null;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getPlatformSource: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                /** @enum {string} */
                kind: "file";
                version: number;
              }
            | {
                /** @description When the ref was last fetched (ms since the epoch). */
                checkedAt?: number;
                /** @description The commit of the version in use. */
                commit?: string;
                /** @enum {string} */
                kind: "git";
                /** @description The platform file inside the repository. */
                path: string;
                ref: string;
                /** @description The ref's commit, refused with its located errors, while the ref points at it. */
                refused?: {
                  at: number;
                  commit: string;
                  errors: string[];
                };
                /** @description The repository (a password in it hidden). */
                url: string;
                /** @description The platform version in use. */
                version: number;
              };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listVariables: {
    parameters: {
      query: {
        /** @description An environment name or alias. */
        environment: string;
        /** @description The operation reading the variables: each gets only the groups it may read. */
        operation?: "deploy" | "ci" | "terraform";
        /** @description Include this service's stack and service variables. */
        service?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Effective variables, secrets masked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            environment: string;
            /** @enum {string} */
            operation: "deploy" | "ci" | "terraform";
            service: string | null;
            /** @description By name; `source` is the variable group (or `service NAME`) it came from, `overrides` the sources it replaced. */
            variables: {
              [key: string]:
                | {
                    overrides: string[];
                    /** @enum {boolean} */
                    secret: false;
                    source: string;
                    value: string | number | boolean;
                  }
                | {
                    overrides: string[];
                    /** @description Where the secret is read from; its value is never sent. */
                    reference: string;
                    /** @enum {boolean} */
                    secret: true;
                    source: string;
                    /** @description Always `********`. */
                    value: string;
                  };
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listPlatformVersions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            changes: {
              after: unknown;
              before: unknown;
              path: string;
            }[];
            /** @description The git commit the version was read from (the git source). */
            commit?: string;
            current: boolean;
            hash: string;
            loadedAt: number;
            loadedBy: string;
            /** @enum {string} */
            source: "startup" | "reload" | "signal" | "git";
            truncated: number;
            version: number;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  previewDeploy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The deploy to preview. */
    requestBody: {
      content: {
        "application/json": {
          /** @description Environment name or alias. */
          environment: string;
          /** @description Service names, or ["all"]. */
          services: string[];
          /** @description The image tag a deploy would roll out. */
          tag: string;
        };
      };
    };
    responses: {
      /** @description What a deploy would change; nothing was changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            at: number;
            environment: string;
            gates: {
              approvals: {
                groups: string[];
                minimum?: number;
                /** @enum {string} */
                policy: "any" | "all" | "ordered" | "minimum";
                preventSelfApproval: boolean;
                timeout: string;
              } | null;
              /** @enum {string} */
              lockPolicy: "sequential" | "runLatest";
              window: {
                always: boolean;
                closesAt: {
                  local: string;
                  utc: string;
                } | null;
                nextOpening: {
                  local: string;
                  utc: string;
                } | null;
                open: boolean;
                reason: string | null;
              };
            };
            services: {
              /**
               * @description install: not deployed yet; update: another tag; redeploy: the same tag again, as a new revision.
               * @enum {string}
               */
              change: "install" | "update" | "redeploy";
              current: {
                replicas: number;
                revision: number;
                tag: string;
              } | null;
              /** @description The run holding this service's lock here, which a deploy would wait for. */
              lock: {
                heldBy: string;
                since: number;
              } | null;
              next: {
                replicas: number;
                tag: string;
              };
              service: string;
              /** @description The strategy, with `source`: environment, or service (its override), and `traffic`: how revisions share traffic, `weights` (the local router, a Kubernetes Gateway), `replica ratio` (Kubernetes without a Gateway; each canary step then carries `pods`: the canary's and the stable revision's replicas) `service selector` (blue-green on Kubernetes without a Gateway: the switch is one write of the service's Service selector) or `deployment controller` (a rolling update on Kubernetes: the service's one Deployment rolled in place by its controller, with the strategy's maxSurge and maxUnavailable). */
              strategy: {
                [key: string]: unknown;
              };
              /** @description What the instances would get; secrets masked, with their reference. */
              variables: {
                [key: string]:
                  | {
                      overrides: string[];
                      /** @enum {boolean} */
                      secret: false;
                      source: string;
                      value: string | number | boolean;
                    }
                  | {
                      overrides: string[];
                      reference: string;
                      /** @enum {boolean} */
                      secret: true;
                      source: string;
                      /** @enum {string} */
                      value: "********";
                    };
              };
            }[];
            tag: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  pruneRegistry: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @description List what would be deleted and why the rest is kept; delete nothing.
           * @default false
           */
          dryRun?: boolean;
          /** @description How many newest tags to keep (default: the platform's registry.retention.keep). */
          keep?: number;
          /** @description The service whose image repository is pruned. */
          service: string;
        };
      };
    };
    responses: {
      /** @description What a prune kept, and why; what it deleted. The registry reclaims space at its garbage collection. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Deleted tags (in a dry run: what would be deleted). */
            deleted: {
              /** @description The image config's created time; null when it does not say. */
              createdAt: number | null;
              digest: string;
              tag: string;
            }[];
            /** @description Manifests deleted, with their signature and attestation tags. */
            deletedDigests: string[];
            dryRun: boolean;
            kept: {
              /** @description The image config's created time; null when it does not say. */
              createdAt: number | null;
              digest: string;
              /** @description Why the tag stays (at least one). */
              reasons: string[];
              tag: string;
            }[];
            message: string;
            repository: string;
            service: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listReleases: {
    parameters: {
      query?: {
        /** @description Only this environment (a name or an alias); every environment when absent. */
        environment?: string;
        /** @description At most this many releases, newest first. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description When its rollouts started. */
            createdAt: number;
            environment: string;
            finishedAt: number | null;
            id: string;
            /** @description Its artifacts, in release order: each service after the ones it depends on. */
            items: {
              /** @description The revision the service ran before; null when the release installed it. */
              previousRevision: number | null;
              previousTag: string | null;
              /** @description The revision the release rolled out. */
              revision: number;
              service: string;
              tag: string;
            }[];
            /** @description The deploy or promotion run that made it. */
            runId: string;
            /**
             * @description rolling-out; released (every service moved, the environment's tests passed); failed (a service or test failed, and what the train had moved was moved back); rolled-back (by `quikship rollback ENV --release ID`).
             * @enum {string}
             */
            status: "rolling-out" | "released" | "failed" | "rolled-back";
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getRelease: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A release id: "rel-" and 8 characters. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A release: the services one run moved into one environment, as one unit. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description When its rollouts started. */
            createdAt: number;
            environment: string;
            finishedAt: number | null;
            id: string;
            /** @description Its artifacts, in release order: each service after the ones it depends on. */
            items: {
              /** @description The revision the service ran before; null when the release installed it. */
              previousRevision: number | null;
              previousTag: string | null;
              /** @description The revision the release rolled out. */
              revision: number;
              service: string;
              tag: string;
            }[];
            /** @description The deploy or promotion run that made it. */
            runId: string;
            /**
             * @description rolling-out; released (every service moved, the environment's tests passed); failed (a service or test failed, and what the train had moved was moved back); rolled-back (by `quikship rollback ENV --release ID`).
             * @enum {string}
             */
            status: "rolling-out" | "released" | "failed" | "rolled-back";
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listRuns: {
    parameters: {
      query?: {
        environment?: string;
        kind?:
          | "deploy"
          | "rollback"
          | "restart"
          | "scale"
          | "promote"
          | "script"
          | "noop"
          | "infra"
          | "expire-standby"
          | "registry-prune";
        /** @description At most this many runs, newest first. */
        limit?: number;
        status?: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  createRun: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A run to start: what to do (kind), where, and the kind's parameters. */
    requestBody: {
      content: {
        "application/json":
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "deploy";
              params: {
                /** @description Roll out as a canary whatever the configured strategy. */
                canary?: boolean;
                /** @description The source commit. */
                commit?: string;
                /**
                 * Format: date-time
                 * @description When that commit was made.
                 */
                commitTime?: string;
                /** @description The pushed image's digest. */
                digest?: string;
                /** @description Overrides the deployment window, for members of a group allowed to; the reason is audited. */
                emergency?: {
                  reason: string;
                };
                /** @description Skip the environment's tests after the rollout, where it allows it (allowSkipTests). */
                skipTests?: boolean;
                /** @description The image tag. */
                tag: string;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "rollback";
              /** @default {} */
              params?: {
                /** @description A release id: every service of it back. */
                release?: string;
                /** @description A revision number; 0 the previous one. */
                revision?: number;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "restart";
              /** @default {} */
              params?: Record<string, never>;
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "scale";
              params: {
                /** @description Instances, from 0 to 100. */
                replicas: number;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "promote";
              params: {
                /** @description Roll out as a canary whatever the configured strategy. */
                canary?: boolean;
                /** @description Overrides the deployment window, for members of a group allowed to; the reason is audited. */
                emergency?: {
                  reason: string;
                };
                /** @description Promote without the source's tests passed, where every target allows it (allowSkipSourceTests); audited. */
                skipSourceTests?: boolean;
                /** @description Skip the targets' tests where they allow it. */
                skipTests?: boolean;
                /** @description The image tag. */
                tag: string;
                /** @description The environments to promote to. */
                to: string[];
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "script";
              params: {
                /** @description A test of the environment. */
                test: string;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "noop";
              /** @default {} */
              params?: {
                /** @description How many no-op steps (default 1). */
                steps?: number;
                /** @description Waits this long on the engine's clock first; at most a day (86400000). */
                waitMs?: number;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "infra";
              params: {
                /**
                 * @description plan: a saved plan; apply: plan, gates, apply; promote: every rung from the environment to stop; destroy; drift: a refresh-only check.
                 * @enum {string}
                 */
                action: "plan" | "apply" | "promote" | "destroy" | "drift";
                /** @description destroy: the environment's name typed back. */
                confirm?: string;
                /** @description destroy: the emergency reason a prod-tier environment's destroy needs; audited. */
                emergency?: {
                  reason: string;
                };
                /** @description apply: the id of an earlier `plan` run of the environment whose saved plan to apply, exactly, instead of planning again. */
                plan?: string;
                /** @description promote: the last environment (inclusive), in ladder order. */
                stop?: string;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "expire-standby";
              params: {
                /** @description The standby revision to stop; left running unless its standby time is up and it serves no traffic. */
                revision: number;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            }
          | {
              /** @description Environment name or alias (for a promotion, the source). */
              environment: string;
              /** @enum {string} */
              kind: "registry-prune";
              /** @default {} */
              params?: {
                /** @description List what would be deleted and why the rest is kept; delete nothing. */
                dryRun?: boolean;
              };
              /**
               * @description Service names; empty for operations on a whole environment.
               * @default []
               */
              services?: string[];
            };
      };
    };
    responses: {
      /** @description A run with its stages and steps. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A run with its stages and steps. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  abortRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Why, for the run's log and the audit log. */
          comment?: string;
        };
      };
    };
    responses: {
      /** @description A run with its stages and steps. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  approveRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description An approval. */
    requestBody: {
      content: {
        "application/json": {
          /** @description Kept with the decision and in the audit log. */
          comment?: string;
          /** @description The environment whose approval this is (a name or an alias); default: the one the run waits for. Refused when the run waits elsewhere. */
          environment?: string;
          /** @description The group to approve for, when you are in several that the gate waits for; default: the first of them. */
          group?: string;
        };
      };
    };
    responses: {
      /** @description The run after the decision. The engine goes on (or fails the run) moments later: `waitReason` may still show the approval. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            /** @description The decision just recorded, with the group it counts for. */
            decision: {
              actor: string;
              at: number;
              comment?: string;
              /** @enum {string} */
              decision: "approve" | "reject";
              environment: string;
              group: string;
            };
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  cancelRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Why, for the run's record and the audit log. */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description A run with its stages and steps. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  streamRunEvents: {
    parameters: {
      query?: {
        /** @description The bearer token, for a client that cannot send the Authorization header (a browser's EventSource). Accepted by the event streams only; never logged. */
        access_token?: string;
        /** @description Only events with a greater id (the Last-Event-ID header wins). */
        after?: number;
        /** @description sse: a live stream until the run ends; json: the events so far. */
        format?: "sse" | "json";
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": (
            | {
                at: number;
                /** @description The run's status changed: why it waits, or its error. */
                data: {
                  error?: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  } | null;
                  /** @enum {string} */
                  status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
                  waitReason?:
                    | {
                        environment: string;
                        /** @enum {string} */
                        kind: "approval";
                        message: string;
                        pending: string[];
                      }
                    | {
                        environment: string;
                        /** @enum {string} */
                        kind: "window";
                        message: string;
                        opensAtMs: number | null;
                        timezone: string;
                      }
                    | {
                        environment: string;
                        heldBy: string;
                        /** @enum {string} */
                        kind: "lock";
                        message: string;
                        service: string;
                      }
                    | {
                        /** @enum {string} */
                        kind: "timer";
                        message: string;
                        untilMs: number;
                      }
                    | {
                        /** @enum {string} */
                        kind: "manual";
                        message: string;
                      }
                    | {
                        endsAtMs: number | null;
                        environment: string;
                        /** @enum {string} */
                        kind: "analysis";
                        message: string;
                        paused: boolean;
                        phase: string;
                        reasons: string[];
                        revision: number;
                        service: string;
                        stable: number | null;
                        /** @enum {string} */
                        strategy: "canary" | "blue-green";
                        weight: number;
                      };
                  wakeAt?: number | null;
                };
                id: number;
                runId: string;
                /** @enum {string} */
                type: "run";
              }
            | {
                at: number;
                /** @description A step began, ended, or will be retried at `retryAt`. */
                data: {
                  attempt: number;
                  error?: {
                    /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                    details?: unknown;
                    kind: string;
                    message: string;
                    step?: string;
                  };
                  key: string;
                  retryAt?: number;
                  /** @enum {string} */
                  status: "running" | "succeeded" | "failed" | "retrying";
                };
                id: number;
                runId: string;
                /** @enum {string} */
                type: "step";
              }
            | {
                at: number;
                /** @description A line a step, a gate or a person's command wrote. */
                data: {
                  line: string;
                  step: string | null;
                };
                id: number;
                runId: string;
                /** @enum {string} */
                type: "log";
              }
          )[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  explainRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Why a run waits, when it can go on, and every gate still ahead. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Every gate of every rung the run has not reached yet, in order; the one it waits at is `waiting`. */
            ahead: {
              /** @description The groups and policy, when the window opens, the test and its kind, or the severities the security gate blocks. */
              description: string;
              environment: string;
              /** @enum {string} */
              kind: "approval" | "window" | "test" | "security";
              /** @description For a closed window: when it opens. */
              opens: {
                local: string;
                ms: number;
                utc: string;
              } | null;
              /** @description The emergency reason, when the run passes this gate without waiting for it. */
              overriddenBy: string | null;
            }[];
            /** @description For an emergency run: the gates it overrides (deployment windows; approvals and tests still apply). */
            overrides: {
              environment: string;
              /** @enum {string} */
              gate: "window";
              reason: string;
            }[];
            run: string;
            status: string;
            /** @description One sentence: what the run waits for and the earliest moment it can go on. */
            summary: string;
            /** @description Environments that take the tag on by themselves afterwards (deployment auto or scheduled). */
            then: {
              /** @enum {string} */
              deployment: "auto" | "scheduled";
              environment: string;
              from: string;
              /** @description For scheduled: the next time of its cron. */
              next: {
                local: string;
                ms: number;
                utc: string;
              } | null;
            }[];
            /** @description null when the run does not wait. */
            waiting: {
              approvals?: {
                groups: {
                  approvedBy: string[];
                  group: string;
                }[];
                policy: string;
                timesOutAt: {
                  local: string;
                  utc: string;
                } | null;
                waitingFor: string[];
              };
              /** @description When the run can go on by itself (a window opening, a timer); null when it waits for people or another run. */
              earliest: {
                local: string;
                ms: number;
                utc: string;
              } | null;
              environment: string | null;
              /** @description approval, window, lock, timer or manual */
              kind: string;
              lock?: {
                heldBy: string;
              };
              message: string;
              /** @description While waiting for an approval: the deployment windows still to pass, and when each opens. */
              upcomingWindows?: {
                environment: string;
                open: boolean;
                opens: {
                  local: string;
                  utc: string;
                } | null;
              }[];
            } | null;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  promoteRunStep: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Why, for the run's log and the audit log. */
          comment?: string;
        };
      };
    };
    responses: {
      /** @description A run with its stages and steps. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  rejectRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description A rejection; the run fails with the comment. */
    requestBody: {
      content: {
        "application/json": {
          /** @description Why: required; the run fails with it. */
          comment: string;
          /** @description The environment whose approval this is; default: the one the run waits for. */
          environment?: string;
          /** @description The group to reject for; default: the first the gate waits for that you are in. */
          group?: string;
        };
      };
    };
    responses: {
      /** @description The run after the decision. The engine goes on (or fails the run) moments later: `waitReason` may still show the approval. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            /** @description The decision just recorded, with the group it counts for. */
            decision: {
              actor: string;
              at: number;
              comment?: string;
              /** @enum {string} */
              decision: "approve" | "reject";
              environment: string;
              group: string;
            };
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  streamRuns: {
    parameters: {
      query?: {
        /** @description The bearer token, for a client that cannot send the Authorization header (a browser's EventSource). Accepted by the event streams only; never logged. */
        access_token?: string;
        environment?: string;
        kind?:
          | "deploy"
          | "rollback"
          | "restart"
          | "scale"
          | "promote"
          | "script"
          | "noop"
          | "infra"
          | "expire-standby"
          | "registry-prune";
        /** @description At most this many runs, newest first. */
        limit?: number;
        status?: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream of `runs` events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/event-stream": {
            actor: string;
            /** @description Milliseconds since the epoch, like every time in the API. */
            createdAt: number;
            environment: string;
            error: {
              /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
              details?: unknown;
              kind: string;
              message: string;
              step?: string;
            } | null;
            finishedAt: number | null;
            id: string;
            /** @enum {string} */
            kind:
              | "deploy"
              | "rollback"
              | "restart"
              | "scale"
              | "promote"
              | "script"
              | "noop"
              | "infra"
              | "expire-standby"
              | "registry-prune";
            /** @description The request as planned: what was asked for, with its parameters (tag, target environments, replicas…). */
            request: {
              environment: string;
              kind: string;
              params: {
                [key: string]: unknown;
              };
              services: string[];
            };
            services: string[];
            stages: {
              environment: string | null;
              key: string;
              steps: {
                attempts: number;
                error: {
                  /** @description More about the failure where the step gives it: an aborted canary or blue-green rollout gives `{revision, rolledBackTo, strategy, abortedBy, decidedAt, timeline}`: `abortedBy` says what decided it (`analysis`, `person`, `crash`, `deadline`, `preview-check`), `decidedAt` when (epoch ms; the router's guard decides between the engine's polls), the timeline its weight over time ending at 0. */
                  details?: unknown;
                  kind: string;
                  message: string;
                  step?: string;
                } | null;
                finishedAt: number | null;
                key: string;
                kind: string;
                /** @description The step's public output, as its kind declares it; never its private saved state. A rollout step's is, while a canary or blue-green rollout waits, its progress (phase, step, baseline counters and weight timeline); once done, the revision and tag it rolled out (and a canary's or blue-green's timeline). A test step's is its outcome (verdict, JUnit counts, load figures). A security step's is each image's verdict against the environment's policy (a refusal gives the same in its error's `details.security`). Other kinds give an object of their own; null when the step gave none yet. */
                output:
                  | {
                      /** @description The revisions' counters when the phase began: what the phase is judged on. */
                      baseline: {
                        canary: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                        stable: {
                          errors: number;
                          latency: {
                            counts: number[];
                            le: number[];
                            sumMs: number;
                          };
                          requests: number;
                        };
                      } | null;
                      /** @enum {string|null} */
                      pausedFrom: "baking" | "preview" | "switched" | null;
                      /** @enum {string} */
                      phase: "starting" | "baking" | "paused" | "finishing" | "preview" | "switched";
                      phaseStartedAt: number;
                      /** @description The stable revision it is judged against. */
                      previous: number | null;
                      revision: number;
                      /** @description Canary: the current step, counted from 1; null for blue-green. */
                      step: number | null;
                      /** @description Canary: how many steps the plan has; null for blue-green. */
                      steps: number | null;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      /** @description The new revision's weight over time. */
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      previous: number | null;
                      revision: number;
                      /** @enum {string} */
                      strategy: "canary" | "blue-green";
                      tag: string;
                      timeline: {
                        at: number;
                        weight: number;
                      }[];
                    }
                  | {
                      revision: number;
                      tag: string;
                    }
                  | {
                      exit: number | string;
                      name: string;
                      passed: boolean;
                      required: boolean;
                      results: {
                        files: string[];
                        junit: {
                          errors: number;
                          failed: {
                            /** @enum {string} */
                            kind: "failure" | "error";
                            message: string;
                            name: string;
                            suite: string;
                          }[];
                          failures: number;
                          passed: number;
                          skipped: number;
                          tests: number;
                          timeMs: number | null;
                        } | null;
                        load: {
                          errorRatePercent: number | null;
                          failedThresholds: string[];
                          p95Ms: number | null;
                          p99Ms: number | null;
                          requests: number | null;
                          requestsPerSecond: number | null;
                        } | null;
                        problems: string[];
                      };
                      summary: string;
                    }
                  | {
                      environment: string;
                      images: {
                        allowed: {
                          id: string;
                          reason: string | null;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                          until: string;
                        }[];
                        blocking: {
                          id: string;
                          /** @enum {string} */
                          severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                          title: string;
                        }[];
                        digest: string | null;
                        expired: {
                          id: string;
                          until: string;
                        }[];
                        passes: boolean;
                        report: {
                          counts: {
                            [key: string]: number;
                          };
                          /** @enum {string} */
                          format: "sarif" | "trivy";
                          receivedAtMs: number;
                          tool: string;
                        } | null;
                        service: string;
                        /** @enum {string} */
                        verdict: "clear" | "blocked" | "unscanned";
                      }[];
                      policy: {
                        block: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN")[];
                        requireReport: boolean;
                      } | null;
                    }
                  | {
                      [key: string]: unknown;
                    }
                  | (never | null);
                startedAt: number | null;
                /** @enum {string} */
                status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
                title: string;
              }[];
              title: string;
            }[];
            startedAt: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
            waitReason:
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "approval";
                  message: string;
                  pending: string[];
                }
              | {
                  environment: string;
                  /** @enum {string} */
                  kind: "window";
                  message: string;
                  opensAtMs: number | null;
                  timezone: string;
                }
              | {
                  environment: string;
                  heldBy: string;
                  /** @enum {string} */
                  kind: "lock";
                  message: string;
                  service: string;
                }
              | {
                  /** @enum {string} */
                  kind: "timer";
                  message: string;
                  untilMs: number;
                }
              | {
                  /** @enum {string} */
                  kind: "manual";
                  message: string;
                }
              | {
                  endsAtMs: number | null;
                  environment: string;
                  /** @enum {string} */
                  kind: "analysis";
                  message: string;
                  paused: boolean;
                  phase: string;
                  reasons: string[];
                  revision: number;
                  service: string;
                  stable: number | null;
                  /** @enum {string} */
                  strategy: "canary" | "blue-green";
                  weight: number;
                }
              | (never | null);
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getScanReport: {
    parameters: {
      query: {
        /** @description The image digest. */
        digest: string;
        /** @description The service. */
        service: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The scan report stored for an image digest. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Who posted it. */
            actor: string;
            /** @description Findings per severity. */
            counts: {
              [key: string]: number;
            };
            digest: string;
            /** @description Most severe first. */
            findings: {
              /** @description The finding's id as the report names it: CVE-2024-1234, a SARIF rule id. */
              id: string;
              /** @description Where it was found: `target: package version` (Trivy), `uri:line` (SARIF). */
              locations: string[];
              /** @description Further places not listed in locations. */
              more: number;
              /**
               * @description The highest severity the report gives it.
               * @enum {string}
               */
              severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
              /** @description What it is, from the report (may be empty). */
              title: string;
            }[];
            /** @enum {string} */
            format: "sarif" | "trivy";
            /** @description When it was stored (ms since the epoch). */
            receivedAt: number;
            service: string;
            tool: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  uploadScanReport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A scan report of one image: the newest report of a digest replaces the one before. */
    requestBody: {
      content: {
        "application/json": {
          /** @description The scanned image's digest. Give this or tag. */
          digest?: string;
          /** @description The report's findings, one per finding id. */
          findings: {
            /** @description The finding's id as the report names it: CVE-2024-1234, a SARIF rule id. */
            id: string;
            /** @description Where it was found: `target: package version` (Trivy), `uri:line` (SARIF). */
            locations: string[];
            /** @description Further places not listed in locations. */
            more: number;
            /**
             * @description The highest severity the report gives it.
             * @enum {string}
             */
            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
            /** @description What it is, from the report (may be empty). */
            title: string;
          }[];
          /**
           * @description The format the report came in.
           * @enum {string}
           */
          format: "sarif" | "trivy";
          /** @description The service whose image was scanned. */
          service: string;
          /** @description The scanned image's tag, resolved to its digest at the registry now. Give this or digest. */
          tag?: string;
          /** @description The scanner, as the report names it ("Trivy"). */
          tool: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            message: string;
            /** @description The scan report stored for an image digest. */
            report: {
              /** @description Who posted it. */
              actor: string;
              /** @description Findings per severity. */
              counts: {
                [key: string]: number;
              };
              digest: string;
              /** @description Most severe first. */
              findings: {
                /** @description The finding's id as the report names it: CVE-2024-1234, a SARIF rule id. */
                id: string;
                /** @description Where it was found: `target: package version` (Trivy), `uri:line` (SARIF). */
                locations: string[];
                /** @description Further places not listed in locations. */
                more: number;
                /**
                 * @description The highest severity the report gives it.
                 * @enum {string}
                 */
                severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
                /** @description What it is, from the report (may be empty). */
                title: string;
              }[];
              /** @enum {string} */
              format: "sarif" | "trivy";
              /** @description When it was stored (ms since the epoch). */
              receivedAt: number;
              service: string;
              tool: string;
            };
            /** @description The tag the digest was resolved from, when the report named a tag. */
            resolvedFrom: string | null;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listServers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Its last heartbeat (every second while it runs) */
            heartbeatAt: number;
            host: string;
            /** @description The server's id, the owner of the leases it holds (kept in its state directory) */
            id: string;
            /** @description How long its claims of runs last unless renewed */
            leaseMs: number;
            /** @description The soonest expiry of its leases, unless renewed */
            nextLeaseExpiry: number | null;
            pid: number;
            /** @description Runs it holds now (leases not expired) */
            runsHeld: number;
            /** @description The newest database migration its build knows */
            schemaVersion: number;
            /** @description This is the server that answered */
            self: boolean;
            startedAt: number;
            /**
             * @description alive: heard of within its lease; stopped: stopped gracefully; missing: no heartbeat since
             * @enum {string}
             */
            state: "alive" | "stopped" | "missing";
            /** @description When it stopped gracefully; null while it runs or if it died */
            stoppedAt: number | null;
            /** @description quikship's version on that server */
            version: string;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getStatus: {
    parameters: {
      query?: {
        /** @description Only this environment (a name or an alias); every environment in ladder order when absent. */
        environment?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The environment × service matrix. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            at: number;
            environments: {
              environment: string;
              position: number;
              /** @description The local router's address; null unless the target is local and its agent runs. */
              router: {
                port: number;
                url: string;
              } | null;
              services: {
                activatedAt: number | null;
                /** @description Instances wanted, over every revision the target runs; null when the target did not answer. */
                desired: number | null;
                /** @description The image digest the active revision runs; null where no registry is asked. */
                digest: string | null;
                /**
                 * @description healthy: ready = desired > 0; degraded: 0 < ready < desired; down: none ready; not-deployed: no active revision; unknown: the target did not answer.
                 * @enum {string}
                 */
                health: "healthy" | "degraded" | "down" | "not-deployed" | "unknown";
                /** @description Why the health is unknown, degraded or down, with the problems the target reports. */
                message: string | null;
                ready: number | null;
                restarts: number | null;
                /** @description The active revision (from the store); null when not deployed. */
                revision: number | null;
                /** @description What the target runs, per revision. */
                revisions: {
                  desired: number;
                  /** @description What the target sees wrong with the revision, each naming its source: a Deployment condition not met (Available, Progressing, ProgressDeadlineExceeded), a pod in CrashLoopBackOff with its restarts. */
                  problems: string[];
                  ready: number;
                  restarts: number;
                  revision: number;
                  tag: string;
                }[];
                /** @description The oldest unfinished deploy, rollback, restart or scale run of this service here. */
                rolloutInProgress: {
                  kind: string;
                  runId: string;
                  status: string;
                } | null;
                service: string;
                tag: string | null;
                /** @description Percent of traffic by revision number. */
                weights: {
                  [key: string]: number;
                };
              }[];
              /** @description The kind of target the environment runs on. */
              target: string;
            }[];
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  streamStatus: {
    parameters: {
      query?: {
        /** @description The bearer token, for a client that cannot send the Authorization header (a browser's EventSource). Accepted by the event streams only; never logged. */
        access_token?: string;
        /** @description Only this environment (a name or an alias); every environment in ladder order when absent. */
        environment?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream of `status` events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/event-stream": {
            at: number;
            environments: {
              environment: string;
              position: number;
              /** @description The local router's address; null unless the target is local and its agent runs. */
              router: {
                port: number;
                url: string;
              } | null;
              services: {
                activatedAt: number | null;
                /** @description Instances wanted, over every revision the target runs; null when the target did not answer. */
                desired: number | null;
                /** @description The image digest the active revision runs; null where no registry is asked. */
                digest: string | null;
                /**
                 * @description healthy: ready = desired > 0; degraded: 0 < ready < desired; down: none ready; not-deployed: no active revision; unknown: the target did not answer.
                 * @enum {string}
                 */
                health: "healthy" | "degraded" | "down" | "not-deployed" | "unknown";
                /** @description Why the health is unknown, degraded or down, with the problems the target reports. */
                message: string | null;
                ready: number | null;
                restarts: number | null;
                /** @description The active revision (from the store); null when not deployed. */
                revision: number | null;
                /** @description What the target runs, per revision. */
                revisions: {
                  desired: number;
                  /** @description What the target sees wrong with the revision, each naming its source: a Deployment condition not met (Available, Progressing, ProgressDeadlineExceeded), a pod in CrashLoopBackOff with its restarts. */
                  problems: string[];
                  ready: number;
                  restarts: number;
                  revision: number;
                  tag: string;
                }[];
                /** @description The oldest unfinished deploy, rollback, restart or scale run of this service here. */
                rolloutInProgress: {
                  kind: string;
                  runId: string;
                  status: string;
                } | null;
                service: string;
                tag: string | null;
                /** @description Percent of traffic by revision number. */
                weights: {
                  [key: string]: number;
                };
              }[];
              /** @description The kind of target the environment runs on. */
              target: string;
            }[];
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  listTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            user: string;
          }[];
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  issueToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A token an administrator issues to a user. It acts as the user but never approves. */
    requestBody: {
      content: {
        "application/json": {
          description?: string;
          /** @description How long the token lasts; the platform's signIn.tokenExpiry (90 days unless set) when absent. */
          expiresIn?: string;
          /** @description A user of the platform file, or admin. */
          user: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            /** @description The bearer token. Shown this once; only its hash is kept. */
            token: string;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  revokeToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A token, without its secret. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  rotateToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description How long the new token lasts; the platform's signIn.tokenExpiry when absent. */
    requestBody: {
      content: {
        "application/json": {
          /** @description How long the token lasts; the platform's signIn.tokenExpiry (90 days unless set) when absent. */
          expiresIn?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            /** @description The bearer token. Shown this once; only its hash is kept. */
            token: string;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  createPersonalToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A personal token for the caller: only a signed-in person (or their own personal token) makes one. */
    requestBody: {
      content: {
        "application/json": {
          description?: string;
          /** @description How long the token lasts; the platform's signIn.tokenExpiry (90 days unless set) when absent. */
          expiresIn?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            /** @description The bearer token. Shown this once; only its hash is kept. */
            token: string;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  createServiceToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A service token for CI or a bot (administrators). Service tokens never approve. */
    requestBody: {
      content: {
        "application/json": {
          description?: string;
          /** @description How long the token lasts; the platform's signIn.tokenExpiry (90 days unless set) when absent. */
          expiresIn?: string;
          /**
           * @description Platform groups the token acts in (e.g. CI).
           * @default []
           */
          groups?: string[];
          /** @description The service account, e.g. github-ci; its runs and audit entries name it. */
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            createdAt: number;
            createdBy: string;
            description: string | null;
            expiresAt: number | null;
            /** @description A service token's groups; null for the others. */
            groups: string[] | null;
            id: string;
            /** @enum {string} */
            kind: "bootstrap" | "personal" | "issued" | "service";
            lastUsedAt: number | null;
            revokedAt: number | null;
            rotatedFrom: string | null;
            /** @description The bearer token. Shown this once; only its hash is kept. */
            token: string;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  getTraffic: {
    parameters: {
      query?: {
        /** @description A run rolling this service out in this environment as a canary or blue-green: adds `phase`, the counters since its current phase began. An unknown run is a 404. */
        run?: string;
      };
      header?: never;
      path: {
        /** @description Environment name or alias. */
        environment: string;
        /** @description Service name. */
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A service's traffic per revision, as its environment's target or the analysis provider counts it, with the analysis thresholds. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            at: number;
            environment: string;
            /** @description With `?run=`: the current phase's counters; null when the run is not rolling the service out there under analysis now (not begun, rolling, finished). */
            phase?: {
              /** @description The phase a pause interrupted; null when not paused. */
              pausedFrom: string | null;
              /** @description The rollout's phase: baking, paused, finishing (canary); preview, switched, paused (blue-green). */
              phase: string;
              /** @description The new revision, then the stable one: requests, errors, error rate and p99 since the phase began, as the engine judges them. */
              revisions: {
                /** @description errors / requests × 100; null without requests. */
                errorRatePercent: number | null;
                /** @description Of those, answered with a 5xx. */
                errors: number;
                /** @description The 99th percentile latency from the target's histogram; null without requests. */
                p99Ms: number | null;
                /** @description Requests since the target began counting (cumulative; a drop means it restarted). */
                requests: number;
                revision: number;
              }[];
              run: string;
              /** @description When the phase began (a step, the preview, the switch): the counters below count from then. */
              since: number;
              /** @description The metrics provider the engine judges from (`router`: the target's counters, as `revisions` above; `prometheus`). */
              source: string;
              /** @description Canary: the current step, counted from 1; null for blue-green. */
              step: number | null;
              /** @description Canary: how many steps the plan has; null for blue-green. */
              steps: number | null;
              /** @enum {string} */
              strategy: "canary" | "blue-green";
              /** @description The new revision's share of traffic now, in percent; null before any was set. */
              weight: number | null;
            } | null;
            /** @description Per revision, by revision number: those the target counts, or each revision it runs as the metrics provider counts it (see `source`). */
            revisions: {
              /** @description errors / requests × 100; null without requests. */
              errorRatePercent: number | null;
              /** @description Of those, answered with a 5xx. */
              errors: number;
              /** @description The 99th percentile latency from the target's histogram; null without requests. */
              p99Ms: number | null;
              /** @description Requests since the target began counting (cumulative; a drop means it restarted). */
              requests: number;
              revision: number;
            }[];
            service: string;
            /** @description Where `revisions` was read. */
            source:
              | {
                  /** @enum {string} */
                  type: "target";
                }
              | {
                  /** @description Where the platform file sets this provider: `environments.NAME.analysis.provider`, or `analysis.provider` for an environment without its own. */
                  setting: string;
                  /** @enum {string} */
                  type: "prometheus";
                }
              | {
                  reason: string;
                  /** @enum {string} */
                  type: "none";
                };
            /** @description The platform's analysis thresholds a canary is judged against (null: not judged on it). */
            thresholds: {
              errorRatePercent: {
                critical: number;
                warning: number;
              } | null;
              latencyP99Ms: {
                critical: number;
                warning: number;
              } | null;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
  whoami: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            admin: boolean;
            /**
             * @description How the caller authenticated.
             * @enum {string}
             */
            auth:
              | "bootstrap-token"
              | "personal-token"
              | "issued-token"
              | "service-token"
              | "oidc-session"
              | "local-session";
            /** @description For a dashboard signed in by cookie: send it as the x-csrf-token header on every state-changing request. */
            csrfToken?: string;
            groups: string[];
            /** @description Whether this credential's decisions on approval gates count. */
            mayApprove: boolean;
            tokenId: string;
            user: string;
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
      /** @description An error. The kind sets the status: input 400, unauthenticated 401, forbidden 403, not-found 404, conflict 409, too-large 413 (the body), headers-too-large 431, internal 500 (`step-failed` is the kind of a run's or step's error, never of a reply), unavailable 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            error: {
              /** @description Kind-specific: validation issues, known names, ... */
              details?: unknown;
              /** @enum {string} */
              kind:
                | "input"
                | "usage"
                | "unauthenticated"
                | "forbidden"
                | "not-found"
                | "conflict"
                | "step-failed"
                | "too-large"
                | "headers-too-large"
                | "unavailable"
                | "internal";
              message: string;
            };
          };
        };
      };
    };
  };
}
