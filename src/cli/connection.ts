/**
 * Which server a client command talks to, and with which token:
 * --server, else $QUIKSHIP_SERVER, else the current login context, else a local server.
 * The token is $QUIKSHIP_TOKEN, else the token a login stored for that server, else (for a
 * server on this machine) the admin token in `<state>/admin.token`, the state directory being
 * --state, else $QUIKSHIP_STATE, else the first `.quikship` holding an admin token in the current
 * directory or one of its parents (so the commands work from anywhere inside a checkout).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { contextsPath, currentContext, readContexts } from "./contexts.js";

export const DEFAULT_SERVER = "http://127.0.0.1:7300";
export const DEFAULT_STATE_DIR = ".quikship";

export interface ConnectionOptions {
  server?: string;
  state?: string;
}

export interface Connection {
  server: string;
  token: string | undefined;
  /** Where the token came from, for messages: "$QUIKSHIP_TOKEN", "context local", a file path. */
  tokenSource: string | undefined;
}

export function normalizeServer(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--server must be a URL such as ${DEFAULT_SERVER}, got "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new UsageError(`--server must be an http:// or https:// URL, got "${url}"`);
  return parsed.toString().replace(/\/+$/, "");
}

function isLoopback(server: string): boolean {
  const host = new URL(server).hostname;
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}

/** The state directory of a local server: --state, $QUIKSHIP_STATE, else `.quikship` here or in a parent. */
export function findStateDir(given: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  if (given !== undefined && given !== "") return resolve(cwd, given);
  if (env.QUIKSHIP_STATE) return resolve(cwd, env.QUIKSHIP_STATE);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULT_STATE_DIR, "admin.token"))) return join(dir, DEFAULT_STATE_DIR);
    if (dirname(dir) === dir) return resolve(cwd, DEFAULT_STATE_DIR);
  }
}

export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Connection {
  const file = readContexts(contextsPath(env));
  const current = currentContext(file);
  const given = options.server ?? (env.QUIKSHIP_SERVER || undefined);
  const server = normalizeServer(given ?? current?.server ?? DEFAULT_SERVER);
  if (env.QUIKSHIP_TOKEN) return { server, token: env.QUIKSHIP_TOKEN.trim(), tokenSource: "$QUIKSHIP_TOKEN" };
  // A stored token goes only to the server it was stored for.
  const stored = [current, ...Object.entries(file.contexts).map(([name, c]) => ({ name, ...c }))].find(
    (c) => c !== undefined && normalizeServer(c.server) === server,
  );
  if (stored) return { server, token: stored.token, tokenSource: `context ${stored.name}` };
  // The admin token never leaves this machine.
  const adminToken = join(findStateDir(options.state, env, cwd), "admin.token");
  if (isLoopback(server) && existsSync(adminToken))
    return { server, token: readFileSync(adminToken, "utf8").trim(), tokenSource: adminToken };
  return { server, token: undefined, tokenSource: undefined };
}
