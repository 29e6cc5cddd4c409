/** Writes OUTDIR/quikship.mjs and returns its path. */
export function bundleCli(outdir?: string): Promise<string>;
