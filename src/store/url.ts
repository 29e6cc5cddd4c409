import { InputError } from "../errors.js";

/** Where a database url points. */
export type DatabaseTarget =
  { dialect: "sqlite"; /** A file path, or ":memory:". */ path: string } | { dialect: "postgres"; url: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * `sqlite:PATH`, `sqlite::memory:`, a plain file path (SQLite), or `postgres://` /
 * `postgresql://` (PostgreSQL). `sqlite:///abs/path` is accepted for those used to that form.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === "") throw new InputError("the database url is empty");
  if (/^sqlite:/i.test(trimmed)) return sqlite(trimmed.slice("sqlite:".length).replace(/^\/\/(?=\/)/, ""), url);
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return { dialect: "postgres", url: trimmed };
  if (scheme !== undefined) {
    throw new InputError(
      `unsupported database url ${redactUrl(trimmed)}: use sqlite:PATH, a file path, or postgres://...`,
    );
  }
  return sqlite(trimmed, url);
}

function sqlite(path: string, url: string): DatabaseTarget {
  if (path === "") throw new InputError(`the database url ${url} names no SQLite file`);
  return { dialect: "sqlite", path };
}

/** The url with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, "$1:***@");
}
