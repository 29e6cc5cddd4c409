import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";

interface Decision {
  action: string;
  allowed: boolean;
  allowedGroups?: string[];
  group?: string;
  why: string;
}

interface PermissionView {
  user: string;
  groups: string[];
  environment: string;
  decisions: Decision[];
}

/**
 * `quikship can USER ACTION ENV`: whether the user may, and why (the group that allows it, or
 * the groups that would). Exits 0 when allowed, 1 when refused, so scripts can ask. `all` as the
 * action lists every action.
 */
export async function can(user: string, action: string, environment: string, options: ClientOptions): Promise<number> {
  const view = await clientFor(options).get<PermissionView>("/v1/permissions", {
    user,
    environment,
    action: action === "all" ? undefined : action,
  });
  emit(options, view, (v) => {
    const groups = v.groups.length > 0 ? v.groups.join(", ") : "no groups";
    const lines = v.decisions.map((d) => `${d.allowed ? "yes" : "no "}  ${d.action.padEnd(12)} ${d.why}`);
    return [`${v.user} (${groups}) in ${v.environment}:`, ...lines].join("\n");
  });
  return view.decisions.every((d) => d.allowed) ? 0 : 1;
}

interface PlatformChange {
  path: string;
  before: unknown;
  after: unknown;
}

type ReloadResult =
  | {
      outcome: "reloaded";
      version: number;
      previous: number;
      hash: string;
      changes: PlatformChange[];
      truncated: number;
    }
  | { outcome: "unchanged"; version: number; hash: string };

const shown = (value: unknown): string => (value === undefined ? "(none)" : JSON.stringify(value));

function changeLines(changes: PlatformChange[], truncated: number): string[] {
  const lines = changes.map((c) => `  ${c.path}: ${shown(c.before)} → ${shown(c.after)}`);
  if (truncated > 0) lines.push(`  … and ${truncated} more`);
  return lines;
}

/** `quikship platform reload`: the server loads its platform file again (refused, with located errors, when invalid). */
export async function platformReload(options: ClientOptions): Promise<number> {
  const result = await clientFor(options).post<ReloadResult>("/v1/platform/reload", {});
  emit(options, result, (r) =>
    r.outcome === "unchanged"
      ? `the platform file is unchanged: version ${r.version} stays in use`
      : [
          `platform version ${r.version} in use (was ${r.previous}); ${r.changes.length + r.truncated} change(s):`,
          ...changeLines(r.changes, r.truncated),
        ].join("\n"),
  );
  return 0;
}

interface PlatformVersion {
  version: number;
  hash: string;
  loadedAt: number;
  loadedBy: string;
  source: string;
  current: boolean;
  changes: PlatformChange[];
  truncated: number;
}

/** `quikship platform history`: the versions the server's database has seen, newest first. */
export async function platformHistory(options: ClientOptions & { changes?: boolean }): Promise<number> {
  const versions = await clientFor(options).get<PlatformVersion[]>("/v1/platform/versions");
  emit(options, versions, (list) => {
    const rows = table(
      ["VERSION", "LOADED", "BY", "SOURCE", "CHANGES", "HASH"],
      list.map((v) => [
        `${v.version}${v.current ? " *" : ""}`,
        timeText(v.loadedAt),
        v.loadedBy,
        v.source,
        v.changes.length + v.truncated,
        v.hash.slice(0, 12),
      ]),
    );
    if (options.changes !== true) return rows;
    const details = list.flatMap((v) =>
      v.changes.length === 0 ? [] : [`version ${v.version}:`, ...changeLines(v.changes, v.truncated)],
    );
    return [rows, ...details].join("\n");
  });
  return 0;
}
