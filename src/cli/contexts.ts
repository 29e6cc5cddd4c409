/**
 * Stored connections ("contexts"): `quikship login` saves a server and its token under a name in
 * `$XDG_CONFIG_HOME/quikship/config.json` (default ~/.config), readable by the user only.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as z from "zod";
import { InputError } from "../errors.js";

const contextSchema = z.object({ server: z.string(), token: z.string() });
const fileSchema = z.object({
  current: z.string().optional(),
  contexts: z.record(z.string(), contextSchema).default({}),
});

export type StoredContext = z.output<typeof contextSchema>;
export type ContextsFile = z.output<typeof fileSchema>;

export function contextsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "quikship", "config.json");
}

export function readContexts(path: string): ContextsFile {
  if (!existsSync(path)) return { contexts: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InputError(`${path} is not valid JSON: ${(error as Error).message}; fix or remove it`, { cause: error });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      `${path} is not a quikship config: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** The current context, if any. */
export function currentContext(file: ContextsFile): (StoredContext & { name: string }) | undefined {
  const name = file.current;
  const context = name === undefined ? undefined : file.contexts[name];
  return name === undefined || context === undefined ? undefined : { name, ...context };
}

/** Saves a context and makes it current. Written to a temporary file and renamed, mode 0600. */
export function saveContext(path: string, name: string, context: StoredContext): void {
  const file = readContexts(path);
  const next: ContextsFile = { current: name, contexts: { ...file.contexts, [name]: context } };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
