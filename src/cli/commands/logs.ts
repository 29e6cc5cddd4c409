import { setTimeout as delay } from "node:timers/promises";
import type { LogsView } from "../../api/service-schemas.js";
import { wholeNumber } from "../args.js";
import type { ApiClient } from "../client.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { colors, emit } from "../output.js";

const POLL_MS = 500;

type Line = LogsView["lines"][number];

export interface LogsOptions extends ClientOptions {
  follow?: boolean;
  revision?: string;
}

function lineText(l: Line): string {
  const prefix = colors.dim(`${new Date(l.at).toISOString().slice(11, 23)} ${l.instance} |`);
  const text = l.stream === "stderr" ? colors.red(l.text) : l.stream === "agent" ? colors.yellow(l.text) : l.text;
  return `${prefix} ${text}`;
}

/** Instances' output; with --follow, new lines every 500 ms until Ctrl-C (JSON: one line object per line). */
export async function logs(environment: string, service: string, options: LogsOptions): Promise<number> {
  const revision =
    options.revision === undefined ? undefined : wholeNumber("--revision", options.revision, "a revision");
  const client = clientFor(options);
  const path = `/v1/logs/${encodeURIComponent(environment)}/${encodeURIComponent(service)}`;
  const first = await client.get<LogsView>(path, { revision });
  if (!options.follow) {
    emit(options, first, (v) =>
      v.lines.length === 0 ? `no output of ${v.service} in ${v.environment} yet` : v.lines.map(lineText).join("\n"),
    );
    return 0;
  }
  await follow(client, path, revision, first, options);
  return 0;
}

async function follow(
  client: ApiClient,
  path: string,
  revision: number | undefined,
  first: LogsView,
  options: LogsOptions,
): Promise<void> {
  const print = (lines: Line[]): void => {
    for (const l of lines) process.stdout.write(`${options.output === "json" ? JSON.stringify(l) : lineText(l)}\n`);
  };
  const stop = new AbortController();
  const onInterrupt = (): void => stop.abort();
  process.once("SIGINT", onInterrupt);
  try {
    print(first.lines);
    let after = first.last;
    while (!stop.signal.aborted) {
      await delay(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) break;
      const next = await client.get<LogsView>(path, { revision, after });
      print(next.lines);
      after = next.last;
    }
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}
