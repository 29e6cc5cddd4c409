import type { RunView } from "../../engine/types.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

export async function cancel(id: string, options: ClientOptions & { reason?: string }): Promise<number> {
  const run = await clientFor(options).post<RunView>(
    `/v1/runs/${encodeURIComponent(id)}/cancel`,
    options.reason === undefined ? {} : { reason: options.reason },
  );
  emit(options, run, (r) => `run ${r.id} ${r.status}${options.reason ? `: ${options.reason}` : ""}`);
  return 0;
}

/** promote-step / abort: a command to the run's rollout. */
export async function command(
  name: "promote-step" | "abort",
  id: string,
  options: ClientOptions & { comment?: string },
): Promise<number> {
  const run = await clientFor(options).post<RunView>(
    `/v1/runs/${encodeURIComponent(id)}/${name}`,
    options.comment === undefined ? {} : { comment: options.comment },
  );
  const told =
    name === "abort"
      ? "abort: all traffic goes back to the stable revision, then the new one is rolled back"
      : "promote-step: the current step ends at the next poll";
  emit(options, run, (r) => `run ${r.id}: ${told}`);
  return 0;
}
