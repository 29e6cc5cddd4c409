import type { ErrorKind } from "../../errors.js";
import { QuikshipError, UnavailableError } from "../../errors.js";
import type { AgentClient } from "./http-client.js";
import { AgentUnreachableError } from "./http-client.js";

/** Finds the agent (`start`: starting one when none answers; otherwise undefined when none runs). */
export type AgentOpener = (start: boolean) => Promise<AgentClient | undefined>;

/**
 * The connection of a server to its agent, checked once and kept: a call goes straight to the
 * agent found before, and only a call that finds it gone (no answer, or another agent's token)
 * looks the agent up again (a file read and a health check) and is tried once more. Routers
 * started through this connection are remembered the same way.
 */
export class AgentConnection {
  readonly #open: AgentOpener;
  #client: Promise<AgentClient> | undefined;
  #routers = new Map<string, Promise<unknown>>();

  constructor(open: AgentOpener) {
    this.#open = open;
  }

  /** Calls the agent, starting it when none runs. */
  use<T>(call: (agent: AgentClient) => Promise<T>): Promise<T> {
    return this.#retrying(() => this.#started(), call);
  }

  /** Calls the agent if one runs; undefined when none does (nothing is started). */
  async peek<T>(call: (agent: AgentClient) => Promise<T>): Promise<T | undefined> {
    const found = async (): Promise<AgentClient | undefined> => {
      const kept = await this.#client?.catch(() => undefined);
      return kept ?? (await this.#found());
    };
    const agent = await found();
    if (agent === undefined) return undefined;
    try {
      return await call(agent);
    } catch (error) {
      if (!isGone(error)) throw error;
      this.#forget();
      const again = await this.#found();
      return again === undefined ? undefined : call(again);
    }
  }

  /** Calls the agent with the environment's router started (once per connection: a new agent starts it again). */
  withRouter<T>(
    environment: string,
    ensure: (agent: AgentClient) => Promise<unknown>,
    call: (agent: AgentClient) => Promise<T>,
  ): Promise<T> {
    return this.use(async (agent) => {
      let router = this.#routers.get(environment);
      if (router === undefined) {
        router = ensure(agent);
        this.#routers.set(environment, router);
        router.catch(() => this.#routers.get(environment) === router && this.#routers.delete(environment));
      }
      await router;
      return call(agent);
    });
  }

  /** Forgets the agent, as after stopping it. */
  reset(): void {
    this.#forget();
  }

  async #retrying<T>(agent: () => Promise<AgentClient>, call: (agent: AgentClient) => Promise<T>): Promise<T> {
    try {
      return await call(await agent());
    } catch (error) {
      if (!isGone(error)) throw error;
      this.#forget();
      return call(await agent());
    }
  }

  #started(): Promise<AgentClient> {
    if (this.#client === undefined) {
      const client = this.#open(true).then((c) => {
        if (c === undefined) throw new UnavailableError("the local agent could not be started");
        return c;
      });
      this.#client = client;
      client.catch(() => this.#client === client && this.#forget());
    }
    return this.#client;
  }

  async #found(): Promise<AgentClient | undefined> {
    const client = await this.#open(false);
    if (client !== undefined && this.#client === undefined) this.#client = Promise.resolve(client);
    return client;
  }

  #forget(): void {
    this.#client = undefined;
    this.#routers = new Map();
  }
}

/** Whether a call failed because the agent it went to is gone (not answering, or a new agent with another token). */
function isGone(error: unknown): boolean {
  return error instanceof AgentUnreachableError || (error instanceof QuikshipError && GONE_KINDS.has(error.kind));
}

/** An answer of the agent that means it is another agent than the one this connection found. */
const GONE_KINDS: ReadonlySet<ErrorKind> = new Set(["unauthenticated"]);
