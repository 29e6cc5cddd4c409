/**
 * dist/plan-code-cache.cjs: writes the code caches of `ci plan`'s bundle, dist/ci-plan.cjs
 * (src/cli/code-cache.ts, src/cli/launch.ts), for the Node that runs it. The build runs it, and so
 * does npm when it installs quikship (postinstall): V8 takes a cache only from the same V8, so the
 * caches a package was published with serve only the Node that built it, and a CI runner that
 * installs quikship writes its own. Started with no options of its own, as the command is: V8 also
 * takes a cache only under the flags it was made with.
 *
 * Two caches: "kept", after the bundle has only been loaded (a platform found in the cache), then
 * "read", after it has read the QuikApp example's platform, shipped in examples/ (in that order:
 * V8 shares the code of one source within a process). Never fails an install: a cache it cannot
 * write is one the command does without.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type * as PlanBundle from "./ci-plan-fast.js";
import { writeCodeCache } from "./code-cache.js";

type Plan = typeof PlanBundle;

/** PLATFORM: the platform the warm-up reads, by default the QuikApp example beside the bundle's directory. */
async function main(platform = join(__dirname, "..", "examples", "quikapp")): Promise<void> {
  const bundle = join(__dirname, "ci-plan.cjs");
  await writeCodeCache(bundle, "kept");
  await writeCodeCache(bundle, "read", (plan) =>
    existsSync(platform) ? (plan as Plan).warmUp(platform) : Promise.resolve(),
  );
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(
    `quikship: ci plan's code cache not written (${error instanceof Error ? error.message : String(error)})`,
  );
});
