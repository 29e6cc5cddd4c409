/**
 * `quikship ci plan` without the command-line framework: CI runs it on every push, and loading
 * and building the program's commands cost as much as the plan itself. The entry point reads
 * plain arguments with `planArguments` (src/cli/plan-arguments.ts) and runs the plan here;
 * anything else goes to the full program.
 *
 * The bundled program builds this module and what it imports as bundles of their own
 * (scripts/build.js, src/cli/ci-plan-bundle.ts): without the chunks the full program shares among
 * its commands, and with the platform reader compiled from a code cache when a platform must be
 * read.
 */
import type { CheckedPlatform } from "../config/cache.js";
import { ciPlan } from "./commands/ci-plan.js";
import type { PlanOptions } from "./commands/ci-plan.js";
import { reportError } from "./output.js";

export { PLAN_FLAGS, planArguments } from "./plan-arguments.js";

/**
 * Runs the plan as the full program's `ci plan` does: same output, same errors, same exit codes.
 * `kept` is the platform's checked form when the caller found it in the cache.
 */
export async function runPlan(options: PlanOptions, kept?: CheckedPlatform): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  try {
    process.exitCode = await ciPlan(options, kept);
  } catch (error) {
    process.exitCode = reportError(error, options.output);
  }
}

/**
 * Reads the platform at `path` as a first `ci plan` does, for the build to record the code this
 * compiles in the bundle's code cache (src/cli/code-cache.ts); the result is not used.
 */
export async function warmUp(path: string): Promise<void> {
  const { loadPlatform } = await import("../config/load.js");
  loadPlatform(path);
}
