/**
 * Globs over repository paths ("services/auth-service/**", "docker/go/*.Dockerfile"), matched
 * segment by segment: `**` as a whole segment is any number of segments (none included; at the
 * end, at least one: `dir/**` is what is inside dir), `*` any
 * run of characters inside one segment, `?` one character other than `/`; every other character
 * stands for itself. A glob ending in `/` means everything under that directory. Pure; no regular
 * expression is built from user text, and matching takes time linear in the path for each `**`.
 */

type Segment = { kind: "any" } | { kind: "literal"; text: string } | { kind: "wild"; text: string };

/** A `**` segment, the one kind without text. */
const isAny = (segment: Segment | undefined): boolean => segment !== undefined && !("text" in segment);

export interface CompiledGlob {
  glob: string;
  /** Characters every matching path starts with: a cheap first test. */
  prefix: string;
  segments: Segment[];
}

export function compileGlob(glob: string): CompiledGlob {
  const text = glob.endsWith("/") ? `${glob}**` : glob;
  const segments = text.split("/").map((part): Segment => {
    if (part === "**") return { kind: "any" };
    return /[*?]/.test(part) ? { kind: "wild", text: part } : { kind: "literal", text: part };
  });
  // A trailing ** is what is inside the directory, so at least one segment: "dir/**" is not "dir".
  if (segments.length > 1 && isAny(segments.at(-1)))
    segments.splice(segments.length - 1, 0, { kind: "wild", text: "*" });
  const firstWild = text.search(/[*?]/);
  return { glob, prefix: firstWild === -1 ? text : text.slice(0, firstWild), segments };
}

/** `*` and `?` inside one segment, with the classic single backtrack point (linear per star). */
export function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === "?" || (c !== undefined && c !== "*" && c === text[t])) {
      p++;
      t++;
    } else if (c === "*") {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

function segmentMatches(segment: Segment, part: string): boolean {
  switch (segment.kind) {
    case "literal":
      return segment.text === part;
    case "wild":
      return matchSegment(segment.text, part);
    case "any":
      return true;
  }
}

/** Whether a repository path (`/`-separated, no leading `/`) matches a compiled glob. */
export function matchPath(compiled: CompiledGlob, path: string): boolean {
  if (!path.startsWith(compiled.prefix)) return false;
  const parts = path.split("/");
  const segs = compiled.segments;
  // The same algorithm as matchSegment one level up: `**` is the star, a segment the character.
  let s = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (p < parts.length) {
    const seg = segs[s];
    if (seg !== undefined && !isAny(seg) && segmentMatches(seg, parts[p]!)) {
      s++;
      p++;
    } else if (isAny(seg)) {
      star = s++;
      resume = p;
    } else if (star !== -1) {
      s = star + 1;
      p = ++resume;
    } else return false;
  }
  while (isAny(segs[s])) s++;
  return s === segs.length;
}

/** Convenience for one-off matches; compile once when matching many paths. */
export function globMatches(glob: string, path: string): boolean {
  return matchPath(compileGlob(glob), path);
}
