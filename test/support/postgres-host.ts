/** Where the PostgreSQL binaries are, and whom they run as. */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown } from "node:fs/promises";
import { delimiter, join } from "node:path";

/** The directory holding initdb and postgres: on PATH, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string {
  const onPath = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debian, v, "bin"))
    : [];
  const found = [...onPath, ...versions].find(
    (dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")),
  );
  if (found === undefined) {
    throw new Error(
      "PostgreSQL binaries (initdb, postgres) not found on PATH or under /usr/lib/postgresql/*/bin; " +
        "install postgresql or set QUIKSHIP_TEST_DATABASE_URL",
    );
  }
  return found;
}

/** The user the cluster runs as; undefined for the current user. */
export interface ClusterOwner {
  uid: number;
  gid: number;
}

/**
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user:
 * dir is handed to it, and the binaries are spawned with its uid and gid (Node drops root's
 * supplementary groups too). No runuser or su in between, so the postmaster is our own child.
 */
export async function clusterOwner(dir: string): Promise<ClusterOwner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  const owner = { uid: id("-u"), gid: id("-g") };
  await chown(dir, owner.uid, owner.gid);
  return owner;
}
