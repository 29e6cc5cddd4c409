/**
 * The state directory is the owner's alone: 0700, and every file in it 0600, whatever existed
 * before (a directory made by hand, a database copied in with 0644). The local agent's
 * instance directories below it are left as they are: they hold what services write.
 */
import { chmod, readdir } from "node:fs/promises";
import { join } from "node:path";

export async function makePrivate(stateDir: string): Promise<void> {
  await chmod(stateDir, 0o700);
  for (const entry of await readdir(stateDir, { withFileTypes: true })) {
    if (entry.isFile()) await chmod(join(stateDir, entry.name), 0o600);
  }
}
