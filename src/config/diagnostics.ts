/** A problem found in a platform file, located at a file position and a path inside the document. */

export type PathSegment = string | number;

export interface Diagnostic {
  severity: "error" | "warning";
  /** Path of the file as the user named it (relative to the working directory where possible). */
  file: string;
  line: number;
  column: number;
  path: PathSegment[];
  message: string;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `environments.live.approvals.groups[1]`, `groups["QA Lead"].members`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(document)" : out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const prefix = d.severity === "warning" ? "warning: " : "";
  return `${where} ${formatPath(d.path)}: ${prefix}${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}
