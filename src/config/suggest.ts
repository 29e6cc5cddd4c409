/** "did you mean" hints for unknown names. */

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Known names closest to `name`, best first: those within a third of the name's length in edits, or sharing a prefix. */
export function nearest(name: string, known: Iterable<string>, limit = 3): string[] {
  if (name === "") return [];
  const lower = name.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const d = distance(lower, c);
    const related = d <= Math.max(2, Math.floor(name.length / 3)) || c.startsWith(lower) || lower.startsWith(c);
    if (related) scored.push({ candidate, score: d });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}

/** ` (did you mean "CAB"? known: CAB, CTO, QA Lead)` — the hint that follows an unknown-name message. */
export function unknownNameHint(name: string, known: readonly string[], maxListed = 12): string {
  const close = nearest(name, known);
  const parts: string[] = [];
  if (close.length > 0) parts.push(`did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?`);
  if (known.length === 0) parts.push("none are defined");
  else {
    const listed = known.slice(0, maxListed).join(", ");
    parts.push(`known: ${listed}${known.length > maxListed ? `, … (${known.length} in all)` : ""}`);
  }
  return ` (${parts.join(" ")})`;
}
