/**
 * The slow reference: the glob translated to a regular expression, character by character, and
 * every path tested on its own. Independent of the segment matcher it checks.
 */
export function referenceMatch(glob: string, path: string): boolean {
  const full = glob.endsWith("/") ? `${glob}**` : glob;
  // Every segment, of the glob and of the path, ends with "/": ** is then any run of whole segments.
  const fragment = (part: string): string =>
    [...part]
      .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
  const parts = full.split("/");
  const source = parts
    .map((part, i) => {
      if (part !== "**") return `${fragment(part)}/`;
      return i === parts.length - 1 && i > 0 ? "(?:[^/]+/)+" : "(?:[^/]+/)*";
    })
    .join("");
  return new RegExp(`^${source}$`, "u").test(`${path}/`);
}
