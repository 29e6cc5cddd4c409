/** Parsing of option values the commands share; a bad value is a usage error (exit 2). */
import type { Json } from "../engine/types.js";
import { UsageError } from "../errors.js";

/** "a,b" or "all" as the list the API takes. */
export function serviceList(text: string): string[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new UsageError(`--services needs service names separated by commas, or all; got "${text}"`);
  return names;
}

/** A whole number (0 or more) given to an option. */
export function wholeNumber(option: string, text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0)
    throw new UsageError(`${option} must be a whole number of ${what}, got "${text}"`);
  return n;
}

/** "a,b" as a list of names, for options such as --to. */
export function nameList(option: string, text: string, what: string): string[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError(`${option} needs ${what} separated by commas; got "${text}"`);
  return names;
}

/** `--emergency --reason "..."` as the run's `params.emergency`; either one alone is a usage error. */
export function emergencyParam(options: { emergency?: boolean; reason?: string }): { [key: string]: Json } {
  const reason = options.reason?.trim();
  if (options.emergency && !reason)
    throw new UsageError('--emergency needs --reason "..." saying why the window may be overridden');
  if (!options.emergency && options.reason !== undefined) throw new UsageError("--reason goes with --emergency");
  return options.emergency && reason ? { emergency: { reason } } : {};
}
