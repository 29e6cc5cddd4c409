/**
 * A throwaway PostgreSQL cluster in a temp dir: a copy of initdb's output (postgres-initdb.ts),
 * then the postmaster as a child of this process, listening on 127.0.0.1 only. Being our child
 * (not daemonized by pg_ctl, not behind runuser), it is stopped and reaped here, and outlives the
 * test process only if that is killed with SIGKILL (see `guard`).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../src/local/agent/health.js";
import { clusterOwner, findPostgresBin } from "./postgres-host.js";
import type { ClusterOwner } from "./postgres-host.js";
import { initializeData } from "./postgres-initdb.js";

const READY = "database system is ready to accept connections";
const PORT_ATTEMPTS = 3;

export interface Cluster {
  port: number;
  /**
   * A fast shutdown and a start on the same data and port, as `pg_ctl restart -m fast` does: every
   * session is ended (admin_shutdown), connections are refused until the new postmaster is ready.
   * `downMs` keeps it down that long in between.
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), "quikship-pg-"));
  try {
    const owner = await clusterOwner(dir);
    const data = join(dir, "data");
    await initializeData(bin, data, owner);
    await appendFile(join(data, "postgresql.conf"), settings(dir));
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        const start = (): Promise<ChildProcess> => startPostmaster(join(bin, "postgres"), data, port, dir, owner);
        return guard(await start(), port, dir, start);
      } catch (error) {
        // Another process may have taken the port between freePort and the bind.
        if (attempt === PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Fast and private: nothing here has to survive a crash. */
function settings(dir: string): string {
  return [
    "",
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    // Each Db is a pool of up to 10 connections and one that LISTENs; a test may open several.
    "max_connections = 200",
    "",
  ].join("\n");
}

/** Resolves once the server accepts connections; rejects with its log if it exits first. */
function startPostmaster(
  postgres: string,
  data: string,
  port: number,
  dir: string,
  owner: ClusterOwner | undefined,
): Promise<ChildProcess> {
  const child = spawn(postgres, ["-D", data, "-p", String(port)], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    ...owner,
  });
  let log = "";
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding("utf8");
    // Keep reading: a full pipe would block the server's logging.
    child.stderr?.on("data", (chunk: string) => {
      log = (log + chunk).slice(-8_000);
      if (log.includes(READY)) resolve(child);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      reject(new Error(`the test PostgreSQL exited (${signal ?? `code ${code}`}) before it was ready:\n${log}`));
    });
  });
}

/**
 * The postmaster stops in stop(), or at the latest when this process exits or is interrupted,
 * so a failing or crashing test file leaves no postgres behind. Unreferenced, so a forgotten
 * stop() cannot keep the test process alive.
 */
function guard(first: ChildProcess, port: number, dir: string, start: () => Promise<ChildProcess>): Cluster {
  let child = first;
  let exited = exitOf(child);
  const onExit = (): void => {
    child.kill("SIGQUIT"); // immediate shutdown
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    process.kill(process.pid, signal);
  };
  const forget = (): void => {
    process.off("exit", onExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const detach = (c: ChildProcess): void => {
    c.unref();
    (c.stderr as Socket | null)?.unref();
  };
  detach(child);
  const shutDown = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.ref(); // so that this process waits for the exit
      child.kill("SIGINT"); // fast shutdown
      await exited;
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    port,
    restart: async (downMs = 0) => {
      await shutDown();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await start();
      exited = exitOf(child);
      detach(child);
    },
    stop: () =>
      (stopping ??= (async () => {
        forget();
        await shutDown();
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => child.once("exit", () => resolve()));
}
