/**
 * `quikship ci sign` and `quikship ci attest`: run in CI, next to the registry. They read the
 * platform file for the service's image, the signing key from a secret reference, and write to
 * the registry directly (no server involved) with the machine's registry login, the one the push
 * used (registry/login.ts), else the platform's registry credential.
 */
import { signingKey } from "../../artifacts/keys.js";
import { attestProvenance, provenanceStatement } from "../../artifacts/provenance.js";
import { signImage } from "../../artifacts/signatures.js";
import { InputError, UsageError } from "../../errors.js";
import { findService } from "../../platform/lookup.js";
import { resolveSecret } from "../../platform/secrets.js";
import type { Platform } from "../../config/types.js";
import { RegistryImages } from "../../registry/images.js";
import { ciCredential } from "../../registry/login.js";
import { DIGEST } from "../../registry/reference.js";
import type { OutputOptions } from "../output.js";
import { emit } from "../output.js";
import { loadForCommand } from "../platform-option.js";
import { readManifest } from "./ci.js";

export interface SignOptions extends OutputOptions {
  config?: string;
  key: string;
  keyPassword?: string;
  digest?: string;
  tag?: string;
}

export interface AttestOptions extends OutputOptions {
  config?: string;
  key: string;
  keyPassword?: string;
  manifest: string;
  builderId?: string;
  sourceUri?: string;
}

/** The service images' registry, written to as the push did: with this machine's login. */
function ciImages(platform: Platform): RegistryImages {
  return new RegistryImages(() => platform, {
    credential: (host, repository) => ciCredential(platform, host, repository),
  });
}

/** cosign's own variable for the password of its encrypted keys. */
const DEFAULT_PASSWORD = "env:COSIGN_PASSWORD";

function reference(option: string, ref: string): string {
  if (!/^(env|file):/.test(ref))
    throw new UsageError(`${option} ${ref}: give a secret reference, env:NAME or file:PATH`);
  return ref;
}

function keyFrom(options: { key: string; keyPassword?: string }) {
  const ref = reference("--key", options.key);
  const passwordRef = reference("--key-password", options.keyPassword ?? DEFAULT_PASSWORD);
  const pem = resolveSecret(ref, process.cwd());
  if (pem === undefined) throw new InputError(`the signing key ${ref} does not resolve on this machine`);
  return signingKey(pem, ref, { ref: passwordRef, value: resolveSecret(passwordRef, process.cwd()) });
}

export async function ciSign(serviceName: string, options: SignOptions): Promise<number> {
  const platform = await loadForCommand(options.config);
  const service = findService(platform, serviceName);
  if ((options.digest === undefined) === (options.tag === undefined))
    throw new UsageError("give exactly one of --digest and --tag");
  if (options.digest !== undefined && !DIGEST.test(options.digest))
    throw new UsageError(`--digest ${options.digest} is not a sha256 digest`);
  const key = keyFrom(options);
  const image = ciImages(platform).clientFor(service);
  const digest = options.digest ?? (await image.client.resolve(image.repository, options.tag!));
  const signed = await signImage(image, digest, key);
  const result = { service: service.name, image: `${image.name}@${digest}`, tag: signed.tag, keyId: signed.keyId };
  emit(options, result, (r) => `signed ${r.image} with key ${r.keyId} (${r.tag})`);
  return 0;
}

/** The CI run's URL on GitHub Actions, else this machine's description. */
function defaultBuilderId(): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : "quikship ci build (local)";
}

function defaultSourceUri(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = process.env;
  return server && repo ? `${server}/${repo}` : undefined;
}

export async function ciAttest(options: AttestOptions): Promise<number> {
  const platform = await loadForCommand(options.config);
  const manifest = readManifest(options.manifest);
  const service = findService(platform, manifest.service);
  const key = keyFrom(options);
  const image = ciImages(platform).clientFor(service);
  const statement = provenanceStatement(image.name, manifest, {
    builderId: options.builderId ?? defaultBuilderId(),
    sourceUri: options.sourceUri ?? defaultSourceUri(),
  });
  const digest = manifest.digest!;
  await image.client.resolve(image.repository, digest);
  const attested = await attestProvenance(image, digest, statement, key);
  const result = { service: service.name, image: `${image.name}@${digest}`, tag: attested.tag, keyId: attested.keyId };
  emit(options, result, (r) => `attached SLSA provenance to ${r.image}, signed with key ${r.keyId} (${r.tag})`);
  return 0;
}
