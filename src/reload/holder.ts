import type { Platform } from "../config/types.js";

/** A platform and the version number the store gave it. */
export interface PlatformVersion {
  platform: Platform;
  /** 0 when it was never stored (tests that build an app from a platform). */
  version: number;
  hash: string;
}

/**
 * The platform a server uses now. Readers ask on every use (`current()`), never keep it, so a
 * reload takes effect for the next request and the next step of every run.
 */
export class PlatformHolder {
  #current: PlatformVersion;

  constructor(initial: PlatformVersion) {
    this.#current = initial;
  }

  current(): Platform {
    return this.#current.platform;
  }

  version(): PlatformVersion {
    return this.#current;
  }

  replace(next: PlatformVersion): void {
    this.#current = next;
  }
}
