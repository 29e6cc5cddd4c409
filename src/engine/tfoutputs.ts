import type { Platform } from "../config/types.js";
import { findEnvironment } from "../platform/lookup.js";
import { isTfOutputText, parseTfOutput } from "../platform/tfoutput.js";
import type { Queryable } from "../store/db.js";
import { fromJson } from "../store/json.js";
import { StepFailure } from "./steps/handler.js";
import { infraOutput } from "./steps/infra-schemas.js";

type Outputs = Extract<ReturnType<typeof infraOutput.parse>, { operation: "apply" }>["outputs"];

/** The root outputs of an environment's last successful apply (a destroy leaves none), or null before any. */
export async function lastAppliedOutputs(
  db: Queryable,
  environment: string,
): Promise<{ run: string; outputs: Outputs } | null> {
  const rows = await db
    .selectFrom("run_steps")
    .select(["run_id", "output"])
    .where("kind", "=", "infra")
    .where("key", "=", `${environment}/apply`)
    .where("status", "=", "succeeded")
    .orderBy("finished_at", "desc")
    .limit(20)
    .execute();
  for (const row of rows) {
    const parsed = row.output ? infraOutput.safeParse(fromJson(row.output)) : undefined;
    if (parsed?.success && parsed.data.operation === "apply") return { run: row.run_id, outputs: parsed.data.outputs };
  }
  return null;
}

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Replaces each `tfoutput:ENV/NAME` value of an instance environment with that output of ENV's last
 * apply. A reference that cannot resolve fails the step, naming the variable: no apply yet, no such
 * output, or a sensitive output (quikship never stores those; use a secret reference instead).
 */
export async function resolveTfOutputs(
  db: Queryable,
  platform: Platform,
  env: Record<string, string>,
): Promise<Record<string, string>> {
  const resolved: Record<string, string> = { ...env };
  const cache = new Map<string, Awaited<ReturnType<typeof lastAppliedOutputs>>>();
  for (const [name, text] of Object.entries(env)) {
    if (!isTfOutputText(text)) continue;
    const ref = parseTfOutput(text);
    if (!ref) throw new StepFailure(`${name}: "${text}" is not a terraform output reference (tfoutput:ENV/NAME)`);
    const environment = findEnvironment(platform, ref.environment).name;
    if (!cache.has(environment)) cache.set(environment, await lastAppliedOutputs(db, environment));
    const applied = cache.get(environment);
    if (!applied)
      throw new StepFailure(
        `${name} is ${text}, but ${environment} has no successful terraform apply yet: run \`quikship infra apply ${environment}\``,
      );
    const output = applied.outputs[ref.output];
    if (!output)
      throw new StepFailure(
        `${name} is ${text}, but the last apply of ${environment} (run ${applied.run}) has no output "${ref.output}" (outputs: ${Object.keys(applied.outputs).join(", ") || "none"})`,
      );
    if (output.sensitive)
      throw new StepFailure(
        `${name} is ${text}, a sensitive output: quikship never stores sensitive outputs; give it as a secret reference ({secret: "keyvault:…"}) instead`,
      );
    resolved[name] = valueText(output.value);
  }
  return resolved;
}
