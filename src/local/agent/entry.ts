/**
 * The agent process: `agent --state DIR`. The local target starts it (detached, see client.ts);
 * it is its own entry point, so starting an agent never goes through the command line program.
 */
import { UsageError } from "../../errors.js";
import { runAgent } from "./main.js";

const at = process.argv.indexOf("--state");
const stateDir = at === -1 ? undefined : process.argv[at + 1];
if (stateDir === undefined) throw new UsageError("the agent needs --state DIR");
process.exit(await runAgent(stateDir));
