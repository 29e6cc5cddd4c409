import type { RevisionSpec, RevisionStatus } from "../contract.js";
import type { Instance, InstanceState } from "./instance.js";

export interface RevisionDeps {
  /** A new instance of the revision with a port of its own, not started yet. */
  newInstance(revision: Revision): Promise<Instance>;
  /** The instance is gone for good: its port may be given out again. */
  release(instance: Instance): void;
  /** The set of instances changed (one left or joined): the router may need new targets. */
  changed(revision: Revision): void;
}

const KEYS_KEPT = 100;

/** Stopped first when scaling down: the ones serving nothing, then the youngest. */
const STOP_ORDER: Record<InstanceState, number> = { stopped: 0, crashed: 1, starting: 2, unhealthy: 3, ready: 4 };

/**
 * The instances of one revision: keeps the replica count, and replaces them one batch at a time
 * on a rolling restart (the replacement is ready before the one it replaces stops).
 */
export class Revision {
  spec: RevisionSpec;
  readonly #deps: RevisionDeps;
  #instances: Instance[] = [];
  /** Replacements of a rolling restart, until they are ready and take their place. */
  #surge: Instance[] = [];
  #resizing: Promise<void> = Promise.resolve();
  #restarting: Promise<void> | undefined;
  /** Restarts by idempotency key, the newest last. */
  readonly #keys = new Map<string, Promise<void>>();
  #closed = false;

  constructor(spec: RevisionSpec, deps: RevisionDeps) {
    this.spec = spec;
    this.#deps = deps;
  }

  get key(): string {
    return `${this.spec.environment}/${this.spec.service}/${this.spec.revision}`;
  }

  /** Starts or stops instances until `replicas` run. Resizes run one after another. */
  resize(replicas: number): Promise<void> {
    // A failed resize (no free port, say) must not fail the ones after it.
    this.#resizing = this.#resizing.catch(() => {}).then(() => this.#resize(replicas));
    return this.#resizing;
  }

  /**
   * Replaces every instance, `batch` at a time. A restart already under way is joined, not
   * repeated; a key seen before restarts nothing and returns what that key started.
   */
  rollingRestart(batch = 1, key?: string): Promise<void> {
    const seen = key === undefined ? undefined : this.#keys.get(key);
    if (seen) return seen;
    this.#restarting ??= this.#roll(Math.max(1, batch)).finally(() => (this.#restarting = undefined));
    if (key !== undefined) {
      this.#keys.set(key, this.#restarting);
      if (this.#keys.size > KEYS_KEPT) this.#keys.delete(this.#keys.keys().next().value!);
    }
    return this.#restarting;
  }

  /** Stops every instance; the revision is done. */
  async stop(): Promise<void> {
    this.#closed = true;
    const all = [...this.#instances, ...this.#surge];
    this.#instances = [];
    this.#surge = [];
    this.#deps.changed(this);
    await Promise.all(all.map((i) => this.#retire(i)));
  }

  readyTargets(): { id: string; url: string }[] {
    return this.#live()
      .filter((i) => i.state === "ready")
      .map((i) => ({ id: i.id, url: i.url }));
  }

  status(): RevisionStatus {
    const instances = this.#live().map((i) => i.status());
    return {
      revision: this.spec.revision,
      tag: this.spec.tag,
      desired: this.spec.replicas,
      ready: instances.filter((i) => i.state === "ready").length,
      restarts: instances.reduce((sum, i) => sum + i.restarts, 0),
      instances,
    };
  }

  #live(): Instance[] {
    return [...this.#instances, ...this.#surge];
  }

  async #resize(replicas: number): Promise<void> {
    while (this.#instances.length < replicas && !this.#closed) {
      const instance = await this.#deps.newInstance(this);
      if (this.#closed) return this.#deps.release(instance);
      this.#instances.push(instance);
      instance.start();
    }
    if (this.#instances.length <= replicas) return;
    const byOrder = [...this.#instances].sort(
      (a, b) => STOP_ORDER[a.state] - STOP_ORDER[b.state] || b.status().startedAt - a.status().startedAt,
    );
    const victims = byOrder.slice(0, this.#instances.length - replicas);
    this.#instances = this.#instances.filter((i) => !victims.includes(i));
    this.#deps.changed(this);
    await Promise.all(victims.map((i) => this.#retire(i)));
  }

  async #roll(batch: number): Promise<void> {
    const old = [...this.#instances];
    while (old.length > 0 && !this.#closed) {
      const group = old.splice(0, batch).filter((i) => this.#instances.includes(i));
      const fresh: Instance[] = [];
      for (const _ of group) fresh.push(await this.#deps.newInstance(this));
      if (this.#closed) return fresh.forEach((i) => this.#deps.release(i));
      this.#surge.push(...fresh);
      for (const instance of fresh) instance.start();
      await Promise.all(fresh.map((i) => i.until(["ready", "stopped"])));
      if (this.#closed) return;
      this.#surge = this.#surge.filter((i) => !fresh.includes(i));
      const retired: Instance[] = [];
      group.forEach((previous, n) => {
        const next = fresh[n]!;
        const at = this.#instances.indexOf(previous);
        // Scaled away meanwhile: the replacement is not needed either.
        if (at < 0) return retired.push(next);
        this.#instances[at] = next;
        retired.push(previous);
      });
      this.#deps.changed(this);
      await Promise.all(retired.map((i) => this.#retire(i)));
    }
  }

  async #retire(instance: Instance): Promise<void> {
    await instance.stop();
    this.#deps.release(instance);
  }
}
