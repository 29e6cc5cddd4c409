/** Restart delays of a crashing instance: 250 ms doubling up to 10 s, back to 250 ms after 30 s up. */
export const RESTART_BACKOFF = { firstMs: 250, maxMs: 10_000, resetAfterUpMs: 30_000 } as const;

/** The delay before the next start, given the previous delay (none yet) and how long the last run was up. */
export function nextRestartDelayMs(previousMs: number | undefined, upMs: number): number {
  if (previousMs === undefined || upMs >= RESTART_BACKOFF.resetAfterUpMs) return RESTART_BACKOFF.firstMs;
  return Math.min(previousMs * 2, RESTART_BACKOFF.maxMs);
}
