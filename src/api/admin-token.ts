/**
 * The first-start admin token: written once to `<state>/admin.token` (mode 0600) for the CLI on
 * the same machine; the database keeps only its hash.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { appendAudit, SYSTEM_ACTOR } from "../audit/index.js";
import type { Clock } from "../engine/clock.js";
import { InputError } from "../errors.js";
import type { Db } from "../store/db.js";
import { findTokenByHash } from "../store/tokens/find-by-hash.js";
import { insertToken } from "../store/tokens/insert.js";
import { ADMIN_USER } from "../access/principal.js";
import { generateToken, hashToken, newTokenId, TOKEN_PREFIX } from "./token-secret.js";

export const ADMIN_TOKEN_FILE = "admin.token";

export interface AdminTokenResult {
  path: string;
  /** "created": the file was written now; "registered": an existing file's token was new to this database. */
  outcome: "created" | "registered" | "present";
}

export async function ensureAdminToken({
  db,
  stateDir,
  clock,
}: {
  db: Db;
  stateDir: string;
  clock: Clock;
}): Promise<AdminTokenResult> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, ADMIN_TOKEN_FILE);
  const fresh = generateToken();
  if (await createExclusive(path, fresh)) {
    await register(db, fresh, clock.now(), "first-start admin token");
    return { path, outcome: "created" };
  }
  // The file was there already (or another server wrote it first): the database may be new to it,
  // e.g. after switching to PostgreSQL, so its token is registered unless already known.
  const existing = (await readFile(path, "utf8")).trim();
  if (!existing.startsWith(TOKEN_PREFIX)) {
    throw new InputError(`${path} does not hold a quikship token; remove it and restart to have a new one written`);
  }
  if (await findTokenByHash(db.kysely, hashToken(existing))) return { path, outcome: "present" };
  await register(db, existing, clock.now(), `admin token of ${path}`);
  return { path, outcome: "registered" };
}

/** Writes the file only if absent; false when it exists. */
async function createExclusive(path: string, token: string): Promise<boolean> {
  try {
    await writeFile(path, `${token}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  await chmod(path, 0o600);
  return true;
}

async function register(db: Db, token: string, at: number, description: string): Promise<void> {
  const id = newTokenId();
  await db.transaction(async (tx) => {
    await insertToken(tx, {
      id,
      user_name: ADMIN_USER,
      kind: "bootstrap",
      token_hash: hashToken(token),
      created_at: at,
      created_by: SYSTEM_ACTOR,
      revoked_at: null,
      last_used_at: null,
      description,
    });
    await appendAudit(
      tx,
      db,
      { actor: SYSTEM_ACTOR, action: "token.create", subject: id, data: { user: ADMIN_USER, description } },
      at,
    );
  });
}
