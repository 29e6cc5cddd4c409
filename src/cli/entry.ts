/**
 * The command line's entry point. `quikship ci plan`, which CI runs on every push, goes straight
 * to the plan when its arguments are plain (src/cli/ci-plan-fast.ts); everything else, and any
 * `ci plan` the fast path does not read, goes to the full program (main.ts).
 */
const argv = process.argv;
const fast = argv[2] === "ci" && argv[3] === "plan" ? await import("./ci-plan-fast.js") : undefined;
const options = fast?.planArguments(argv.slice(4));
if (fast && options) await fast.runPlan(options);
else await (await import("./main.js")).main(argv);
