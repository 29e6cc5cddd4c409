/**
 * A test cluster's data directory, copied from initdb's output made once per PostgreSQL build and
 * user instead of running initdb for each test file: initdb bootstraps every catalog and takes
 * seconds on a loaded machine, a copy of its output a fraction of one. The output is kept in the
 * system's temp directory under a name derived from the binary and initdb's arguments, so another
 * PostgreSQL build or user gets an output of its own; it is made in a directory of its own and
 * renamed into place whole, so test files starting at once never copy half of one.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { clusterOwner } from "./postgres-host.js";
import type { ClusterOwner } from "./postgres-host.js";

const execFileAsync = promisify(execFile);

const INITDB_ARGS = ["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"];

/** Makes `data` (absent, inside a directory `owner` owns) an initialized data directory owned by `owner`. */
export async function initializeData(bin: string, data: string, owner: ClusterOwner | undefined): Promise<void> {
  const made = await initdbOutput(bin);
  // As the owner, so the copy is the owner's with initdb's modes (a data directory must be 0700).
  await execFileAsync("cp", ["-a", made, data], { ...owner });
}

/** initdb's output for this build and user: made now when there is none yet. */
async function initdbOutput(bin: string): Promise<string> {
  const postgres = statSync(join(bin, "postgres"));
  const key = createHash("sha256")
    .update(JSON.stringify([bin, postgres.size, postgres.mtimeMs, process.getuid?.(), INITDB_ARGS]))
    .digest("hex")
    .slice(0, 16);
  const kept = join(tmpdir(), `quikship-pg-initdb-${key}`);
  const data = join(kept, "data");
  if (existsSync(join(data, "PG_VERSION"))) return data;
  const building = await mkdtemp(join(tmpdir(), "quikship-pg-initdb-building-"));
  try {
    const owner = await clusterOwner(building);
    await execFileAsync(join(bin, "initdb"), ["-D", join(building, "data"), ...INITDB_ARGS], {
      cwd: building,
      ...owner,
    });
    // Fails when another test file put its output there first: that one is as good.
    await rename(building, kept).catch(() => undefined);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return data;
}
