import type { PathSegment } from "../diagnostics.js";
import type { ParsedPlatform } from "../schema/platform.js";
import type { Platform } from "../types.js";

export interface RuleContext {
  /** As written (defaults applied): paths into it are paths into the files. */
  written: ParsedPlatform;
  platform: Platform;
  error(path: PathSegment[], message: string, pointAtKey?: boolean): void;
  warn(path: PathSegment[], message: string): void;
}

export type Rule = (ctx: RuleContext) => void;

export const entries = <T>(record: Record<string, T> | undefined): [string, T][] => Object.entries(record ?? {});
