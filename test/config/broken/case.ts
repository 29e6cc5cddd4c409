import { BASE } from "../base-platform.js";
import { edit } from "../support.js";

/** One expected error: where (`file:line:col path`) exactly, and a substring of what it says. */
export interface Expected {
  at: string;
  says: string;
}

/** A broken platform: its files (path → text) and every error loading it must report, in order. */
export interface Case {
  title: string;
  files: Record<string, string>;
  errors: Expected[];
}

/** A tree of one file, quikship.yaml. */
export const root = (text: string): Record<string, string> => ({ "quikship.yaml": text });

/** The base platform with a few lines changed, as quikship.yaml. */
export const change = (...replacements: [string, string][]): Record<string, string> => root(edit(BASE, ...replacements));
