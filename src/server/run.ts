import { startServer } from "./start.js";
import type { RunningServer, ServerOptions } from "./start.js";

export interface ServeReporter {
  listening(server: RunningServer): void;
  stopping(signal: NodeJS.Signals): void;
  stopped(): void;
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

/**
 * Runs the server until SIGTERM or SIGINT, then stops it gracefully: no new requests, the engine
 * stops claiming and persists what it is doing, the database closes. A second signal during the
 * stop exits at once.
 */
export async function serveUntilSignal(options: ServerOptions, report: ServeReporter): Promise<void> {
  const server = await startServer(options);
  report.listening(server);
  // SIGHUP loads the platform file again; an invalid one is logged and the version in use stays.
  const reload = (): void => void server.reload("signal").catch(() => undefined);
  process.on("SIGHUP", reload);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const handlers = SIGNALS.map((s) => {
      const handler = (): void => {
        handlers.forEach(([name, h]) => process.off(name, h));
        resolve(s);
      };
      process.on(s, handler);
      return [s, handler] as const;
    });
  });
  process.off("SIGHUP", reload);
  report.stopping(signal);
  const force = (): never => process.exit(1);
  for (const s of SIGNALS) process.once(s, force);
  try {
    await server.stop();
  } finally {
    for (const s of SIGNALS) process.off(s, force);
  }
  report.stopped();
}
