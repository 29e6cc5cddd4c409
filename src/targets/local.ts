import type { Environment, Service } from "../config/types.js";
import { InputError } from "../errors.js";
import type { AgentClient } from "../local/agent/client.js";
import type { CanaryGuard, PreviewRoute, RevisionRequest, RevisionTraffic, ServiceStatus, Target } from "./target.js";

/**
 * The local target: each instance a process of the agent, traffic through the environment's
 * router. The agent is reached lazily, so servers that never deploy locally never start one.
 */
export class LocalTarget implements Target {
  readonly kind = "local";
  readonly #agent: () => Promise<AgentClient>;

  constructor(agent: () => Promise<AgentClient>) {
    this.#agent = agent;
  }

  async ensureRevision(request: RevisionRequest): Promise<void> {
    const { environment, service } = request;
    if (!service.local)
      throw new InputError(
        `service ${service.name} has no local command; give it (or its stack) local.command in the platform file`,
      );
    const agent = await this.#router(environment);
    await agent.applyRevision({
      environment: environment.name,
      service: service.name,
      revision: request.revision,
      tag: request.tag,
      replicas: request.replicas,
      command: service.local.command,
      cwd: service.local.cwd,
      healthPath: service.healthPath,
      env: request.env,
      secretNames: request.secretNames,
    });
  }

  async removeRevision(environment: Environment, service: Service, revision: number): Promise<void> {
    await (await this.#agent()).deleteRevision(environment.name, service.name, revision);
  }

  async setWeights(environment: Environment, service: Service, weights: Record<number, number>): Promise<void> {
    await (await this.#router(environment)).setWeights(environment.name, service.name, weights);
  }

  async restart(environment: Environment, service: Service, revision: number, idempotencyKey: string): Promise<void> {
    await (
      await this.#agent()
    ).restart(environment.name, service.name, revision, {
      key: idempotencyKey,
      wait: true,
      timeoutMs: environment.progressDeadlineMs,
    });
  }

  async status(environment: Environment, service: Service): Promise<ServiceStatus> {
    const all = await (await this.#agent()).status(environment.name);
    return (
      all.find((s) => s.service === service.name) ?? {
        environment: environment.name,
        service: service.name,
        revisions: [],
        weights: {},
      }
    );
  }

  async traffic(environment: Environment, service: Service): Promise<RevisionTraffic[]> {
    return (await this.#agent()).traffic(environment.name, service.name);
  }

  async setPreview(environment: Environment, service: Service, preview: PreviewRoute | null): Promise<void> {
    await (await this.#router(environment)).setPreview(environment.name, service.name, preview);
  }

  async setGuard(environment: Environment, service: Service, guard: CanaryGuard | null): Promise<void> {
    await (await this.#router(environment)).setGuard(environment.name, service.name, guard);
  }

  async address(environment: Environment): Promise<string | undefined> {
    return (await (await this.#agent()).ensureRouter(environment.name, environment.routerPort)).url;
  }

  /** The agent, with the environment's router started (idempotent: the agent may have been restarted). */
  async #router(environment: Environment): Promise<AgentClient> {
    const agent = await this.#agent();
    await agent.ensureRouter(environment.name, environment.routerPort);
    return agent;
  }
}
