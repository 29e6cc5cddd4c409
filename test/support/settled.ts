/**
 * For a before hook that starts several things at once (a server, a browser, a provider): waits
 * for every one and only then rejects with the first failure, so that whatever did start has been
 * assigned (each assigns itself as it resolves) and the after hook stops it; a start still under
 * way when the hook failed would outlive the hooks and keep the test process alive.
 */
export async function allStarted(starting: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(starting);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
