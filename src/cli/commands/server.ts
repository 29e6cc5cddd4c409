import { resolve } from "node:path";
import { parseDurationMs } from "../../config/duration.js";
import { UsageError } from "../../errors.js";
import { checkRepoPath } from "../../reload/git-source.js";
import { serveUntilSignal } from "../../server/run.js";
import type { GitOptions } from "../../server/platform-source.js";
import type { OutputOptions } from "../output.js";
import { configPath, loadForCommand } from "../platform-option.js";
import { parseTrustProxy } from "../../server/trust-proxy.js";

export interface ServerCommandOptions extends OutputOptions {
  config?: string;
  state?: string;
  host: string;
  port: string;
  databaseUrl?: string;
  local?: boolean;
  ephemeralRouters?: boolean;
  traffic?: string;
  kubeconfig?: string;
  auditKey?: string;
  auditSink?: string;
  terraformBackend?: string;
  lease?: string;
  platformGit?: string;
  platformRef: string;
  platformPath: string;
  platformGitInterval: string;
  trustProxy?: string;
}

/** `--platform-git` and its companions, or undefined for a platform file. */
function platformGit(options: ServerCommandOptions): GitOptions | undefined {
  if (options.platformGit === undefined) return undefined;
  if (options.config !== undefined)
    throw new UsageError(
      "--platform-git and --config both name the platform: give one (--platform-path names the file in the repository)",
    );
  if (options.platformRef.trim() === "" || options.platformRef.startsWith("-"))
    throw new UsageError(`--platform-ref must name a branch or tag, got "${options.platformRef}"`);
  let intervalMs: number;
  try {
    intervalMs = parseDurationMs(options.platformGitInterval);
  } catch {
    intervalMs = Number.NaN;
  }
  if (!Number.isFinite(intervalMs) || intervalMs < 1000 || intervalMs > 86_400_000)
    throw new UsageError(
      `--platform-git-interval must be a duration from 1s to 24h (such as 30s), got "${options.platformGitInterval}"`,
    );
  let path: string;
  try {
    path = checkRepoPath(options.platformPath);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { url: options.platformGit, ref: options.platformRef, path, intervalMs };
}

/** `--lease`: a duration from 1s to 5m. */
function parseLease(text: string | undefined): number | undefined {
  const value = text ?? (process.env.QUIKSHIP_LEASE || undefined);
  if (value === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDurationMs(value);
  } catch {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms) || ms < 1000 || ms > 300_000)
    throw new UsageError(`--lease must be a duration from 1s to 5m (such as 3s), got "${value}"`);
  return ms;
}

/** `--terraform-backend`: the platform's backend, or a local state file per environment (rehearsals). */
function terraformBackend(text: string | undefined): "platform" | "local" {
  const value = text ?? (process.env.QUIKSHIP_TERRAFORM_BACKEND || "platform");
  if (value !== "platform" && value !== "local")
    throw new UsageError(`--terraform-backend must be platform or local, got "${value}"`);
  return value;
}

function parseRate(text: string | undefined, local: boolean): number {
  if (text === undefined) return 0;
  const rate = Number(text);
  if (!Number.isInteger(rate) || rate < 0 || rate > 1_000)
    throw new UsageError(`--traffic must be a number of requests a second from 0 to 1000, got "${text}"`);
  if (rate > 0 && !local) throw new UsageError("--traffic needs --local: it sends requests to the local routers");
  return rate;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a port number from 0 to 65535, got "${text}"`);
  return port;
}

export async function server(options: ServerCommandOptions): Promise<number> {
  const port = parsePort(options.port);
  const leaseMs = parseLease(options.lease);
  const trustProxy =
    options.trustProxy === undefined
      ? parseTrustProxy(process.env.QUIKSHIP_TRUST_PROXY || undefined, "$QUIKSHIP_TRUST_PROXY")
      : parseTrustProxy(options.trustProxy);
  const trafficRate = parseRate(options.traffic, options.local === true);
  if (options.ephemeralRouters === true && options.local !== true)
    throw new UsageError("--ephemeral-routers needs --local: only the local target has routers");
  const git = platformGit(options);
  const platform = git === undefined ? await loadForCommand(options.config) : undefined;
  const databaseUrl = options.databaseUrl ?? (process.env.QUIKSHIP_DATABASE_URL || undefined);
  const json = options.output === "json";
  const line = (text: string): boolean => process.stdout.write(`${text}\n`);
  // One JSON document per line: a supervisor reads them as they come.
  const event = (value: object): boolean => line(JSON.stringify(value));
  await serveUntilSignal(
    {
      ...(platform === undefined ? {} : { platform, platformPath: configPath(options.config) }),
      ...(git === undefined ? {} : { platformGit: git }),
      stateDir: resolve(options.state ?? (process.env.QUIKSHIP_STATE || ".quikship")),
      host: options.host,
      port,
      databaseUrl,
      local: options.local === true,
      ephemeralRouters: options.ephemeralRouters === true,
      trafficRate,
      kubeconfig: options.kubeconfig,
      auditKey: options.auditKey,
      auditSink: options.auditSink,
      terraformBackend: terraformBackend(options.terraformBackend),
      ...(leaseMs === undefined ? {} : { leaseMs }),
      trustProxy,
    },
    {
      listening: (s) => {
        if (json)
          event({
            event: "listening",
            url: s.url,
            database: s.database,
            log: s.logPath,
            adminToken: s.adminTokenPath,
            routers: s.routers,
            unresolvedSecrets: s.unresolvedSecrets,
          });
        else {
          line(`quikship server listening on ${s.url}`);
          line(
            `  platform ${s.platformName}, database ${s.database}, log ${s.logPath}, admin token in ${s.adminTokenPath}`,
          );
          line(
            `  dashboard: open ${s.url} in a browser and sign in with the admin token (or one from \`quikship token create --user NAME\`)`,
          );
          for (const router of s.routers) line(`  ${router.environment.padEnd(10)} router ${router.url}`);
          if (s.unresolvedSecrets.length)
            line(
              `  secrets left unset here (their providers are not on this machine; \`quikship validate --local\` lists them): ${s.unresolvedSecrets.map((u) => `${u.environment} ${u.secrets.length}`).join(", ")}`,
            );
        }
      },
      stopping: (signal) =>
        json ? event({ event: "stopping", signal }) : line(`quikship server stopping (${signal})`),
      stopped: () => (json ? event({ event: "stopped" }) : line("quikship server stopped")),
    },
  );
  return 0;
}
