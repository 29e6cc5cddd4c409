import * as z from "zod";
import { InputError } from "../../errors.js";

/** `terraform version -json`. */
export const versionSchema = z.object({
  terraform_version: z.string(),
  platform: z.string().optional(),
  provider_selections: z.record(z.string(), z.string()).default({}),
});

export interface TerraformVersion {
  version: string;
  platform: string | undefined;
  providers: Record<string, string>;
}

type Parts = [number, number, number];
const OPERATORS = ["~>", ">=", "<=", "!=", "=", ">", "<"] as const;
type Operator = (typeof OPERATORS)[number] | "prefix";

interface Term {
  op: Operator;
  parts: number[];
  text: string;
}

function parseParts(text: string): number[] | null {
  const core = text.trim().replace(/^v/, "").split(/[-+]/)[0] ?? "";
  if (!/^\d+(\.\d+){0,2}$/.test(core)) return null;
  return core.split(".").map(Number);
}

function full(parts: number[]): Parts {
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function compare(a: Parts, b: Parts): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function parseTerm(text: string): Term | null {
  const trimmed = text.trim();
  const op = OPERATORS.find((o) => trimmed.startsWith(o));
  const parts = parseParts(op ? trimmed.slice(op.length) : trimmed);
  return parts ? { op: op ?? "prefix", parts, text: trimmed } : null;
}

function satisfies(actual: Parts, term: Term): boolean {
  const wanted = full(term.parts);
  const c = compare(actual, wanted);
  switch (term.op) {
    case "prefix":
      return term.parts.every((p, i) => actual[i] === p);
    case "=":
      return c === 0;
    case "!=":
      return c !== 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case "~>": {
      // ~> 1.5.7 allows >= 1.5.7, < 1.6.0; ~> 1.5 allows >= 1.5, < 2.0 (the last given part may rise).
      const fixed = term.parts.slice(0, Math.max(1, term.parts.length - 1));
      return c >= 0 && fixed.every((p, i) => actual[i] === p);
    }
  }
}

const EXAMPLES = '1.5.7, 1.5, ">= 1.5, < 2.0", "~> 1.5.0"';

/** Why `required` is not a version or a constraint terraform would accept; null when it is one. */
export function versionConstraintProblem(required: string): string | null {
  return required.split(",").every((t) => parseTerm(t) !== null)
    ? null
    : `"${required}" is not a version or a constraint (examples: ${EXAMPLES})`;
}

export type VersionCheck =
  | { outcome: "ok"; required: string | undefined; actual: string }
  | { outcome: "mismatch"; required: string; actual: string; message: string };

/**
 * The platform's `terraform.version` against the binary's. A bare version matches by prefix (`1.5`
 * is any 1.5.x, `1.5.7` exactly that); otherwise terraform's own constraint syntax, comma-separated
 * (`>= 1.5, < 2.0`, `~> 1.5.0`). A mismatch is a warning, or an InputError where `strict`.
 */
export function checkVersion(required: string | undefined, actual: string, strict: boolean): VersionCheck {
  if (required === undefined || required.trim() === "") return { outcome: "ok", required, actual };
  const problem = versionConstraintProblem(required);
  if (problem) throw new InputError(`terraform.version: ${problem}`);
  const actualParts = parseParts(actual);
  if (!actualParts) throw new InputError(`the terraform binary reports a version quikship cannot read: "${actual}"`);
  const terms = required.split(",").flatMap((t) => parseTerm(t) ?? []);
  const ok = terms.every((t) => satisfies(full(actualParts), t));
  if (ok) return { outcome: "ok", required, actual };
  const message = `terraform ${actual} does not match the platform's terraform.version "${required}"`;
  if (strict) throw new InputError(`${message} (strict: refusing to run it)`, { details: { required, actual } });
  return { outcome: "mismatch", required, actual, message };
}
