import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * This server's identity in run leases, kept in its state directory. A server restarted on the
 * same state directory is the same server: it takes back the runs its previous process held at
 * once, instead of waiting for their leases to expire. Servers sharing a database each have a
 * state directory, and so an identity, of their own.
 */
export function serverIdentity(stateDir: string): string {
  const file = join(stateDir, "server-id");
  try {
    const id = readFileSync(file, "utf8").trim();
    if (id) return id;
  } catch {
    // First start: create it.
  }
  const id = `server-${randomBytes(6).toString("hex")}`;
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
