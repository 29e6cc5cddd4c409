/** A moment for a person, in UTC to the second: "2026-11-23 14:00:05 UTC" (no luxon: the CLI loads it). */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
