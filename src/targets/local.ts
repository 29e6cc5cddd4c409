import type { Environment, Service } from "../config/types.js";
import { InputError, UnavailableError } from "../errors.js";
import { ensureAgent, connectAgent, stopAgent } from "../local/agent/client.js";
import type { AgentClient, StopResult } from "../local/agent/client.js";
import { AgentConnection } from "../local/agent/connection.js";
import { resolveSecret } from "../platform/secrets.js";
import type {
  CanaryGuard,
  EnvironmentPeek,
  LogLine,
  PreviewCheck,
  PreviewRoute,
  RevisionRequest,
  RevisionTraffic,
  RouterStatus,
  ServiceStatus,
  Target,
  TargetCapabilities,
} from "./target.js";

export type { StopResult } from "../local/agent/client.js";

/**
 * The local agent of a state directory (`stateDir`), or, for tests, a function giving an agent
 * client (then a read that must not start anything only uses an agent a call already reached).
 * With `ephemeralRouters`, each router listens on a port the system chooses, not `router.port`
 * (tests, and a second server on one machine).
 */
export type LocalAgentSource = { stateDir: string; ephemeralRouters?: boolean } | (() => Promise<AgentClient>);

/** Its router guards the canary, its agent keeps the logs, its router counts each revision's requests. */
export const LOCAL_CAPABILITIES: TargetCapabilities = { hasDataPlaneGuard: true, keepsLogs: true, countsTraffic: true };

/**
 * The local target: each instance a process of the agent, traffic through the environment's
 * router. The agent is started by this target when a change needs it (never by a read), and
 * reached through one connection, looked up again only when a call finds it gone.
 */
export class LocalTarget implements Target {
  readonly kind = "local";
  readonly capabilities = LOCAL_CAPABILITIES;
  readonly #agent: AgentConnection;
  readonly #stateDir: string | undefined;
  readonly #ephemeralRouters: boolean;

  constructor(source: LocalAgentSource) {
    this.#stateDir = typeof source === "function" ? undefined : source.stateDir;
    this.#ephemeralRouters = typeof source !== "function" && source.ephemeralRouters === true;
    const stateDir = this.#stateDir;
    this.#agent = new AgentConnection((start) =>
      stateDir === undefined
        ? start && typeof source === "function"
          ? source()
          : Promise.resolve(undefined)
        : start
          ? ensureAgent({ stateDir, startIfMissing: true })
          : connectAgent(stateDir),
    );
  }

  async ensureRevision(request: RevisionRequest): Promise<void> {
    const { environment, service } = request;
    if (!service.local)
      throw new InputError(
        `service ${service.name} has no local command; give it (or its stack) local.command in the platform file`,
      );
    const local = service.local;
    // The one place a secret's value exists: handed to the agent, which gives it to the instances only.
    const env = { ...request.env };
    for (const secret of request.secrets) {
      const value = resolveSecret(secret.reference, "/");
      if (value === undefined)
        throw new InputError(`secret ${secret.name} (${secret.reference}) cannot be resolved on this machine`);
      env[secret.name] = value;
    }
    await this.#withRouter(environment, (agent) =>
      agent.applyRevision({
        environment: environment.name,
        service: service.name,
        revision: request.revision,
        tag: request.tag,
        replicas: request.replicas,
        command: local.command,
        cwd: local.cwd,
        healthPath: service.healthPath,
        env,
        secretNames: request.secrets.map((s) => s.name),
      }),
    );
  }

  async removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    await this.#agent.use((agent) => agent.deleteRevision(environment.name, service.name, revision));
  }

  async setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    await this.#withRouter(environment, (agent) => agent.setWeights(environment.name, service.name, weights));
  }

  /** Traffic back to the revision before (the router switches at once), then the failed revision stopped. */
  async rollBack(environment: Environment, service: Service, move: { from: number; to: number | null }): Promise<void> {
    if (move.to !== null) await this.setWeights(environment, service, { [move.to]: 100 });
    await this.removeRevision(environment, service, move.from);
  }

  async restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    await this.#agent.use((agent) =>
      agent.restart(environment.name, service.name, revision, {
        key: idempotencyKey,
        wait: true,
        timeoutMs: environment.progressDeadlineMs,
      }),
    );
  }

  async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    const all = await this.#agent.use((agent) => agent.status(environment.name));
    return all.find((s) => s.service === service.name) ?? emptyStatus(environment, service);
  }

  async peek(environment: Environment): Promise<EnvironmentPeek> {
    const found = await this.#agent.peek(async (agent) => {
      const [services, routers] = await Promise.all([
        agent.status(environment.name),
        agent.routers().catch((): RouterStatus[] => []),
      ]);
      return { services, router: routers.find((r) => r.environment === environment.name) ?? null };
    });
    if (found === undefined)
      return {
        running: false,
        message: "no local agent runs, so nothing runs on the local target; a deploy starts it",
      };
    return { running: true, ...found };
  }

  async traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]> {
    return (await this.#agent.peek((agent) => agent.traffic(environment.name, service.name))) ?? [];
  }

  async logs(
    environment: Environment,
    service: Service,
    query: { revision?: number | undefined; after?: number | undefined },
  ): Promise<LogLine[]> {
    const lines = await this.#agent.peek((agent) => agent.logs(environment.name, service.name, query));
    if (lines === undefined)
      throw new UnavailableError(
        `no local agent runs, so no instance of ${service.name} runs in ${environment.name}; deploy it first`,
        { details: { environment: environment.name, service: service.name }, retryable: false },
      );
    return lines;
  }

  async setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    await this.#withRouter(environment, (agent) => agent.setPreview(environment.name, service.name, preview));
  }

  /** A GET of the service's health path through the router, marked for the preview route. */
  async probePreview(environment: Environment, service: Service, signal: AbortSignal): Promise<PreviewCheck> {
    const address = await this.address(environment);
    if (!address) return { outcome: "skipped", reason: `the router of ${environment.name} has no address to ask` };
    const url = `${address}/${service.name}${service.healthPath}`;
    try {
      const response = await fetch(url, {
        headers: { "x-quikship-preview": "1" },
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      });
      await response.arrayBuffer();
      return response.ok
        ? { outcome: "passed" }
        : {
            outcome: "failed",
            reason: `the pre-switch check GET ${service.healthPath} on the preview route answered ${response.status}`,
          };
    } catch (error) {
      return {
        outcome: "failed",
        reason: `the pre-switch check GET ${service.healthPath} on the preview route failed: ${(error as Error).message}`,
      };
    }
  }

  async setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    await this.#withRouter(environment, (agent) => agent.setGuard(environment.name, service.name, guard));
  }

  async address(environment: Environment): Promise<string | undefined> {
    return (await this.openRouter(environment)).url;
  }

  /** Starts the environment's router (and the agent) unless it runs; where it listens. */
  openRouter(environment: Environment): Promise<RouterStatus> {
    return this.#agent.use((agent) => agent.ensureRouter(environment.name, this.#routerPort(environment)));
  }

  /** Stops the agent of the state directory and every instance it runs (also those a killed agent left). */
  async stopAgent(): Promise<StopResult> {
    if (this.#stateDir === undefined) throw new InputError("this local target was not given a state directory");
    this.#agent.reset();
    return stopAgent(this.#stateDir);
  }

  #withRouter<T>(environment: Environment, call: (agent: AgentClient) => Promise<T>): Promise<T> {
    return this.#agent.withRouter(
      environment.name,
      (agent) => agent.ensureRouter(environment.name, this.#routerPort(environment)),
      call,
    );
  }

  #routerPort(environment: Environment): number | undefined {
    return this.#ephemeralRouters ? 0 : environment.routerPort;
  }
}

/** Runs the local agent of a state directory in this process until it is stopped (`quikship agent`). */
export async function runLocalAgent(stateDir: string): Promise<number> {
  return (await import("../local/agent/main.js")).runAgent(stateDir);
}

/** Stops the local agent of a state directory and every instance it runs (`quikship agent stop`). */
export function stopLocalAgent(stateDir: string): Promise<StopResult> {
  return new LocalTarget({ stateDir }).stopAgent();
}

function emptyStatus(environment: Environment, service: Service): ServiceStatus {
  return { environment: environment.name, service: service.name, revisions: [], weights: {} };
}
