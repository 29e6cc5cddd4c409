import { spawnSync } from "node:child_process";
import { bundleCli } from "../scripts/build.js";
import { summarize } from "./support.js";
import type { Figures } from "./support.js";

/** The read-only commands a person runs without a server; each must start within 2× a bare node. */
const COMMANDS: { title: string; args: string[] }[] = [
  { title: "--help", args: ["--help"] },
  { title: "validate examples/quikapp", args: ["validate", "examples/quikapp"] },
  { title: "services", args: ["services", "--config", "examples/quikapp"] },
  { title: "envs", args: ["envs", "--config", "examples/quikapp"] },
  {
    title: "vars live --service auth-service",
    args: ["vars", "live", "--service", "auth-service", "--config", "examples/quikapp"],
  },
];

function once(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

/**
 * Each command measured side by side with `node -e 0`, alternating run by run, so a machine busy
 * with other work slows both alike: the ratio of the medians is the figure, not the milliseconds.
 */
function sideBySide(args: string[], runs: number): { command: Figures; bare: Figures } {
  once(args);
  once(["-e", "0"]);
  const command: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(once(["-e", "0"]));
    command.push(once(args));
  }
  return { command: summarize(command), bare: summarize(bare) };
}

export async function benchCli(): Promise<void> {
  console.log("\n# CLI start-up: each read-only command beside a bare `node -e 0` (target: ≤ 2× its median)");
  const bundle = await bundleCli();
  for (const { title, args } of COMMANDS) {
    const { command, bare } = sideBySide([bundle, ...args], 15);
    const ratio = command.median / bare.median;
    console.log(
      `quikship ${title}`.padEnd(46) +
        `median ${command.median.toFixed(1)} ms, node -e 0 ${bare.median.toFixed(1)} ms: ${ratio.toFixed(2)}×  ${ratio <= 2 ? "met" : "MISSED"}`,
    );
  }
}
