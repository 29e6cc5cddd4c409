/**
 * The arguments of a plain `quikship ci plan`, read without the command-line framework:
 * `planArguments` reads the plain forms of the command's options (`--name value`, `--name=value`,
 * `-c value`, `-cvalue`); anything else (help, an unknown or repeated option, a value that is not
 * one of the choices, a value starting with `-`, --branch with --git-tag) returns undefined, and
 * the entry point hands the arguments to the full program, which reads or rejects them as it
 * always has. A test checks that both read the same options alike (test/cli/ci-plan-fast.test.ts).
 */
import type { PlanOptions } from "./commands/ci-plan.js";
import type { OutputFormat } from "./output.js";

type Key = Exclude<keyof PlanOptions, "cwd" | "range">;

/** The options of `ci plan` by flag, with the choices a value must be one of. */
export const PLAN_FLAGS: Record<string, { key: Key; choices?: readonly string[] }> = {
  "--config": { key: "config" },
  "-c": { key: "config" },
  "--output": { key: "output", choices: ["text", "json"] },
  "-o": { key: "output", choices: ["text", "json"] },
  "--branch": { key: "branch" },
  "--git-tag": { key: "gitTag" },
  "--sha": { key: "sha" },
  "--tag-strategy": { key: "tagStrategy", choices: ["auto", "semver", "commit", "custom"] },
  "--custom-tag": { key: "customTag" },
  "--repository": { key: "repository" },
  "--base": { key: "base" },
  "--head": { key: "head" },
  "--services": { key: "services" },
};

/** The options of `ci plan ARGS`, or undefined when the full program must read them. */
export function planArguments(args: readonly string[]): PlanOptions | undefined {
  const given: Partial<Record<Key, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let flag: string;
    let value: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      [flag, value] = eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    } else if (/^-[a-z]/i.test(arg)) {
      [flag, value] = [arg.slice(0, 2), arg.length > 2 ? arg.slice(2) : undefined];
    } else return undefined;
    const known = PLAN_FLAGS[flag];
    if (!known) return undefined;
    value ??= args[++i];
    if (value === undefined || value.startsWith("-") || given[known.key] !== undefined) return undefined;
    if (known.choices && !known.choices.includes(value)) return undefined;
    given[known.key] = value;
  }
  if (given.branch !== undefined && given.gitTag !== undefined) return undefined;
  return {
    ...given,
    output: (given.output ?? "text") as OutputFormat,
    head: given.head ?? "HEAD",
    services: given.services ?? "changed",
  };
}
