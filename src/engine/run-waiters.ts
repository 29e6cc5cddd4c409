/**
 * Who waits for a run to change (event streams, the status snapshot, lock waiters), woken by the
 * change feed; a waiter also wakes after a second, the safety net for a change the feed lost.
 */
import { EventEmitter } from "node:events";

/** The name under which every change is emitted too; run ids start with "r". */
const ANY_RUN = "*";

export class RunWaiters {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  #changes = 0;

  /** How many changes were counted: a reader tells cheaply that nothing changed. */
  get changes(): number {
    return this.#changes;
  }

  /** Counts a change this server wrote (its waiters wake when the feed tells it back). */
  count(): void {
    this.#changes++;
  }

  /** A run changed: its waiters and those of any run wake. */
  wake(runId: string): void {
    this.#changes++;
    this.#emitter.emit(runId);
    this.#emitter.emit(ANY_RUN);
  }

  /** Changes may have been missed: every waiter wakes and reads again. */
  wakeAll(): void {
    this.#changes++;
    for (const name of this.#emitter.eventNames()) this.#emitter.emit(name);
  }

  /** Resolves on a change to the run (any run when undefined), after a second, or when the signal aborts. */
  wait(runId: string | undefined, signal: AbortSignal): Promise<void> {
    const name = runId ?? ANY_RUN;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.#emitter.off(name, done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      this.#emitter.once(name, done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
