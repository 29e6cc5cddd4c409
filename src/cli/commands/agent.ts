import { UsageError } from "../../errors.js";
import { runLocalAgent, stopLocalAgent } from "../../targets/local.js";
import type { OutputOptions } from "../output.js";
import { emit } from "../output.js";

/** `quikship agent --state DIR` runs the agent; `quikship agent stop --state DIR` stops the one running there. */
export async function agentCommand(
  action: string | undefined,
  options: OutputOptions & { state: string },
): Promise<number> {
  if (action === undefined) return runLocalAgent(options.state);
  if (action !== "stop") throw new UsageError(`unknown agent action "${action}" (known: stop)`);
  const result = await stopLocalAgent(options.state);
  emit(options, result, (r) => {
    const agent =
      r.pid === null
        ? `no agent was running for ${options.state}`
        : `stopped the agent (pid ${r.pid}) and its instances`;
    return r.leftovers.length === 0
      ? agent
      : `${agent}; ended ${r.leftovers.length} instance(s) left behind: ${r.leftovers.join(", ")}`;
  });
  return 0;
}
