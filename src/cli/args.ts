/** Parsing of option values the commands share; a bad value is a usage error (exit 2). */
import { UsageError } from "../errors.js";

/** "a,b" or "all" as the list the API takes. */
export function serviceList(text: string): string[] {
  const names = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`--services needs service names separated by commas, or all; got "${text}"`);
  return names;
}

/** A whole number (0 or more) given to an option. */
export function wholeNumber(option: string, text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`${option} must be a whole number of ${what}, got "${text}"`);
  return n;
}
