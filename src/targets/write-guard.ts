/**
 * The last check before a target's write. The engine's fence (engine/fence.ts) checks that a run is
 * still held before it lets an effect start; an effect may then read for a while (the database, the
 * cluster) before it writes, and a server paused during those reads would write after it resumed,
 * when another server may hold the run. So the fence runs each effect inside a guard, and a target
 * calls `beforeWrite()` right before each request that changes something: it throws, writing
 * nothing, once the guard's check fails. Outside an effect (reads, previews, tests) it does nothing.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const current = new AsyncLocalStorage<() => void>();

/** Runs an effect whose every write first passes `check` (which throws to stop the write). */
export function guardWrites<T>(check: () => void, effect: () => Promise<T>): Promise<T> {
  return current.run(check, effect);
}

/** Throws when the effect this write belongs to may no longer write; called by targets before each write. */
export function beforeWrite(): void {
  current.getStore()?.();
}
