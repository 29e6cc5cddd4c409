/**
 * The bundled command's entry point, dist/quikship.cjs (scripts/build.js), which bin/quikship.cjs
 * runs. It is CommonJS so that a plain `ci plan` whose platform must be read — every call on a
 * fresh CI runner — never starts Node's ES module loader: the whole plan, the platform reader with
 * it, is one CommonJS bundle (dist/ci-plan.cjs) compiled from the code cache the build wrote for
 * it (src/cli/code-cache.ts). When the platform's checked form is in the cache, the same bundle
 * runs from a smaller cache, made without reading a platform, and the reader's code is never run.
 * Anything else goes to the program (dist/quikship.mjs, src/cli/entry.ts). From the sources,
 * bin/quikship.cjs runs entry.ts.
 */
import { join } from "node:path";
import { cachedPlatform, defaultPlatformCache } from "../config/cache.js";
import { loadBundle } from "./code-cache.js";
import type * as PlanBundle from "./ci-plan-fast.js";
import type { PlanOptions } from "./commands/ci-plan.js";
import { configPath } from "./config-path.js";
import { planArguments } from "./plan-arguments.js";

type Plan = typeof PlanBundle;

/** The plan, from the one bundle, compiled from the code cache made for what it will do. */
function plan(options: PlanOptions): Promise<void> {
  const cache = defaultPlatformCache();
  const kept = cache && cachedPlatform(cache, configPath(options.config));
  const bundle = loadBundle(join(__dirname, "ci-plan.cjs"), kept ? "kept" : "read") as Plan;
  return bundle.runPlan(options, kept);
}

const argv = process.argv;
const options = argv[2] === "ci" && argv[3] === "plan" ? planArguments(argv.slice(4)) : undefined;
void (options ? plan(options) : import("./entry.js"));
