/** Writes the command's bundles into OUTDIR and returns the path of its entry point, OUTDIR/quikship.cjs. */
export function bundleCli(outdir?: string): Promise<string>;

/** Builds the dashboard (dashboard/, React + Vite) into OUTDIR (default dist/dashboard) and returns it. */
export function buildDashboard(outdir?: string, options?: { concurrent?: boolean }): Promise<string>;
