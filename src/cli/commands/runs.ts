import type { RunView } from "../../engine/types.js";
import { UsageError } from "../../errors.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";

export interface RunsOptions extends ClientOptions {
  env?: string;
  status?: string;
  kind?: string;
  limit?: string;
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number of runs, got "${text}"`);
  return n;
}

export async function runs(options: RunsOptions): Promise<number> {
  const list = await clientFor(options).get<RunView[]>("/v1/runs", {
    environment: options.env,
    status: options.status,
    kind: options.kind,
    limit: parseLimit(options.limit),
  });
  emit(options, list, (rows) =>
    rows.length === 0
      ? "no runs"
      : table(
          ["ID", "KIND", "STATUS", "ENVIRONMENT", "SERVICES", "ACTOR", "CREATED"],
          rows.map((r) => [
            r.id,
            r.kind,
            r.status,
            r.environment,
            r.services.join(",") || "-",
            r.actor,
            timeText(r.createdAt),
          ]),
        ),
  );
  return 0;
}
