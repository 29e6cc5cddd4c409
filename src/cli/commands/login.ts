import { readFileSync } from "node:fs";
import { InputError } from "../../errors.js";
import { ApiClient } from "../client.js";
import { normalizeServer } from "../connection.js";
import { contextsPath, saveContext } from "../contexts.js";
import { deviceLogin } from "../device-login.js";
import { emit } from "../output.js";
import type { OutputOptions } from "../output.js";

interface Whoami {
  user: string;
  groups: string[];
}

function readToken(file: string): string {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8").trim();
  } catch (error) {
    throw new InputError(`cannot read the token file ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!text.startsWith("qs_")) throw new InputError(`${file} does not hold a quikship token (they start with qs_)`);
  return text;
}

export interface LoginOptions extends OutputOptions {
  server: string;
  /** A token to store; without it, signing in through the server's OpenID provider (device authorization). */
  tokenFile?: string;
  context?: string;
}

/**
 * Checks the token against the server (or signs in through its provider: a code to confirm in a
 * browser), then stores server and token as a context and makes it current.
 */
export async function login(options: LoginOptions): Promise<number> {
  const server = normalizeServer(options.server);
  const token =
    options.tokenFile === undefined ? await deviceLogin(server, process.stderr) : readToken(options.tokenFile);
  const source = options.tokenFile ?? "the sign-in";
  const me = await new ApiClient({ server, token, tokenSource: source }).get<Whoami>("/v1/whoami");
  const name = options.context ?? new URL(server).host;
  const path = contextsPath();
  saveContext(path, name, { server, token });
  emit(
    options,
    { context: name, server, user: me.user, groups: me.groups, config: path },
    (d) =>
      `logged in to ${d.server} as ${d.user}${d.groups.length ? ` (${d.groups.join(", ")})` : ""}; context "${d.context}" saved in ${d.config}`,
  );
  return 0;
}
