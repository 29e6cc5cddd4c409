import type { PathSegment } from "../diagnostics.js";
import type { ParsedPlatform } from "../schema/platform.js";
import type { Platform } from "../types.js";

export interface RuleContext {
  /** As written (defaults applied): paths into it are paths into the files. */
  written: ParsedPlatform;
  platform: Platform;
  /**
   * Whether the schema rejected a top-level key, an entry of a named collection, or (without a
   * name) any entry of it. Rejected parts are left out of `written`, so a rule that would call a
   * name unknown, or judge a whole collection, asks first.
   */
  rejected(top: string, name?: string): boolean;
  error(path: PathSegment[], message: string, pointAtKey?: boolean): void;
  warn(path: PathSegment[], message: string): void;
}

export type Rule = (ctx: RuleContext) => void;

export const entries = <T>(record: Record<string, T> | undefined): [string, T][] => Object.entries(record ?? {});
