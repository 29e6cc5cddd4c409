import pc from "picocolors";
import { asQuikshipError } from "../errors.js";

export type OutputFormat = "text" | "json";

export interface OutputOptions {
  output: OutputFormat;
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export const colors = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Renders a command's error for a person, or as JSON with --output json; its exit code. */
export function reportError(error: unknown, output: OutputFormat): number {
  const e = asQuikshipError(error);
  if (output === "json") printJson(e.toJSON());
  else process.stderr.write(`${colors.red("error:")} ${e.message}\n`);
  return e.exitCode;
}

/** Prints data as JSON, or through `text` for people. */
export function emit<T>(options: OutputOptions, data: T, text: (data: T) => string): void {
  if (options.output === "json") printJson(data);
  else process.stdout.write(`${text(data)}\n`);
}

/** A plain aligned table; the last column is not padded. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? "-" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[], head: boolean): string => {
    const text = r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
    return head ? colors.bold(text) : text;
  };
  return cells.map((r, i) => line(r, i === 0)).join("\n");
}

/** `sha256:` and the first 12 hex digits, as registries and docker print a short digest; `-` for none. */
export function shortDigest(digest: string | null | undefined): string {
  return digest ? digest.slice(0, 19) : "-";
}
