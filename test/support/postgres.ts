/**
 * PostgreSQL for tests: a throwaway cluster per test file, or the server that
 * QUIKSHIP_TEST_DATABASE_URL names. Tests get databases of their own with random names, so test
 * files never collide, even on a shared server.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startCluster } from "./postgres-cluster.js";

export interface PostgresServer {
  /** A superuser url of the server's `postgres` database. */
  url: string;
  /** Stops the throwaway cluster and removes its files; leaves an external server alone. */
  stop(): Promise<void>;
  /** Restarts the throwaway cluster (a fast shutdown, then a start); undefined for an external server. */
  restart?: (downMs?: number) => Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.QUIKSHIP_TEST_DATABASE_URL;
  if (external !== undefined && external !== "") return { url: external, stop: () => Promise.resolve() };
  const cluster = await startCluster();
  return {
    url: `postgres://postgres@127.0.0.1:${cluster.port}/postgres`,
    stop: () => cluster.stop(),
    restart: (downMs) => cluster.restart(downMs),
  };
}

export interface TestDatabaseHandle {
  url: string;
  /** Drops the database, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/**
 * A new database with a random name on the server: empty, or a copy of `template` (a database of
 * the server no session is connected to).
 */
export async function createTestDatabase(serverUrl: string, template?: string): Promise<TestDatabaseHandle> {
  const name = `quikship_test_${randomBytes(8).toString("hex")}`;
  await admin(serverUrl, `create database "${name}"${template === undefined ? "" : ` template "${template}"`}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
