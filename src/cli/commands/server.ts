import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { serveUntilSignal } from "../../server/run.js";
import type { OutputOptions } from "../output.js";
import { configPath, loadForCommand } from "../platform-option.js";

export interface ServerCommandOptions extends OutputOptions {
  config?: string;
  state?: string;
  host: string;
  port: string;
  databaseUrl?: string;
  local?: boolean;
  kubeconfig?: string;
  auditKey?: string;
  auditSink?: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a port number from 0 to 65535, got "${text}"`);
  return port;
}

export async function server(options: ServerCommandOptions): Promise<number> {
  const port = parsePort(options.port);
  const platform = loadForCommand(options.config);
  const databaseUrl = options.databaseUrl ?? (process.env.QUIKSHIP_DATABASE_URL || undefined);
  const json = options.output === "json";
  const line = (text: string): boolean => process.stdout.write(`${text}\n`);
  // One JSON document per line: a supervisor reads them as they come.
  const event = (value: object): boolean => line(JSON.stringify(value));
  await serveUntilSignal(
    {
      platform,
      platformPath: configPath(options.config),
      stateDir: resolve(options.state ?? (process.env.QUIKSHIP_STATE || ".quikship")),
      host: options.host,
      port,
      databaseUrl,
      local: options.local === true,
      kubeconfig: options.kubeconfig,
      auditKey: options.auditKey,
      auditSink: options.auditSink,
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
          });
        else {
          line(`quikship server listening on ${s.url}`);
          line(
            `  platform ${platform.name}, database ${s.database}, log ${s.logPath}, admin token in ${s.adminTokenPath}`,
          );
          line(
            `  dashboard: open ${s.url} in a browser and sign in with the admin token (or one from \`quikship token create --user NAME\`)`,
          );
          for (const router of s.routers) line(`  ${router.environment.padEnd(10)} router ${router.url}`);
        }
      },
      stopping: (signal) =>
        json ? event({ event: "stopping", signal }) : line(`quikship server stopping (${signal})`),
      stopped: () => (json ? event({ event: "stopped" }) : line("quikship server stopped")),
    },
  );
  return 0;
}
