import type { RunView } from "../../engine/types.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

export async function cancel(id: string, options: ClientOptions & { reason?: string }): Promise<number> {
  const run = await clientFor(options).post<RunView>(`/v1/runs/${encodeURIComponent(id)}/cancel`, options.reason === undefined ? {} : { reason: options.reason });
  emit(options, run, (r) => `run ${r.id} ${r.status}${options.reason ? `: ${options.reason}` : ""}`);
  return 0;
}
