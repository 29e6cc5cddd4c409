/**
 * The engine's view of registries: which images are pinned (environment and service not
 * `registry: none`), a client per registry host with the platform's credentials for its own
 * registry, and a per-run cache so a train of many services asks for each tag once.
 */
import type { Environment, Platform, Service } from "../config/types.js";
import { InputError } from "../errors.js";
import { resolveSecret } from "../platform/secrets.js";
import type { RegistryCredential } from "./auth.js";
import { RegistryClient } from "./client.js";
import { parseReference, repositoryName } from "./reference.js";

/** Whether a deploy of `service` in `environment` resolves and records a digest. */
export function pinsImages(environment: Environment, service: Service): boolean {
  return environment.registry === "pin" && service.registry === "pin";
}

export interface Images {
  /** The digest `service`'s image has at `tag` now; `undefined` when nothing is pinned there. */
  resolve(environment: Environment, service: Service, tag: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Throws NotFoundError when the registry no longer has `digest` of the service's image. */
  check(service: Service, digest: string, signal?: AbortSignal): Promise<void>;
  /** The client of the registry the service's image lives in, and the image's repository there. */
  clientFor(service: Service): { client: RegistryClient; repository: string; name: string };
}

/** No registry anywhere: every environment behaves as `registry: none` (`server --local`, unit tests of the engine). */
export const OFFLINE_IMAGES: Images = {
  resolve: () => Promise.resolve(undefined),
  check: () => Promise.resolve(),
  clientFor: (service) => {
    throw new InputError(`no registry is used on this server (offline), so ${service.name}'s image cannot be read`);
  },
};

/** The platform's credential for `host`, when it is the platform's registry and names one. */
export function credentialFor(platform: Platform, host: string): RegistryCredential {
  const registry = platform.registry;
  if (!registry?.credentials || registry.server !== host) return { kind: "anonymous" };
  const ref = registry.credentials.password;
  const password = resolveSecret(ref, platform.baseDir);
  if (password === undefined)
    throw new InputError(`the registry credential ${ref} of registry ${host} does not resolve on this server`);
  return { kind: "basic", username: registry.credentials.username, password, ref };
}

/** Images of the platform's services, read from their registries; clients kept per host (tokens reused). */
export class RegistryImages implements Images {
  private readonly clients = new Map<string, RegistryClient>();
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    private readonly platform: () => Platform,
    private readonly options: {
      timeoutMs?: number;
      /** Whom to be at a registry; default: the platform's credential for its own registry (credentialFor). */
      credential?: (host: string, repository: string) => RegistryCredential;
    } = {},
  ) {}

  clientFor(service: Service): { client: RegistryClient; repository: string; name: string } {
    const ref = parseReference(service.image);
    const platform = this.platform();
    const insecure = platform.registry?.server === ref.host ? platform.registry.insecure : undefined;
    // A credential of one's own may differ by repository (a login scoped to a namespace).
    const key = `${ref.host}|${insecure ?? ""}${this.options.credential ? `|${ref.repository}` : ""}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new RegistryClient({
        host: ref.host,
        credential: this.options.credential?.(ref.host, ref.repository) ?? credentialFor(platform, ref.host),
        ...(insecure !== undefined ? { plainHttp: insecure } : {}),
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      });
      this.clients.set(key, client);
    }
    return { client, repository: ref.repository, name: repositoryName(ref) };
  }

  resolve(environment: Environment, service: Service, tag: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!pinsImages(environment, service)) return Promise.resolve(undefined);
    const { client, repository } = this.clientFor(service);
    return client.resolve(repository, tag, signal);
  }

  async check(service: Service, digest: string, signal?: AbortSignal): Promise<void> {
    const { client, repository } = this.clientFor(service);
    await client.resolve(repository, digest, signal);
  }

  /**
   * Resolves many tags at once, in parallel, each image:tag asked once: what a train of services
   * (or a benchmark) needs. Failures are per entry, so one missing tag names itself.
   */
  async resolveMany(
    services: readonly { service: Service; tag: string }[],
    signal?: AbortSignal,
  ): Promise<PromiseSettledResult<string>[]> {
    return Promise.allSettled(
      services.map(({ service, tag }) => {
        const key = `${service.image}:${tag}`;
        let pending = this.cache.get(key);
        if (!pending) {
          const { client, repository } = this.clientFor(service);
          pending = client.resolve(repository, tag, signal);
          this.cache.set(key, pending);
        }
        return pending;
      }),
    );
  }
}
