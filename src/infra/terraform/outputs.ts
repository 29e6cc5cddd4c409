import type * as z from "zod";
import type { outputsSchema } from "./plan-json.js";

/** A root output as quikship keeps it: a sensitive one is named and typed, its value never read out. */
export type OutputValue = { sensitive: false; type: unknown; value: unknown } | { sensitive: true; type: unknown };
export type Outputs = Record<string, OutputValue>;

/** `terraform output -json` with sensitive values dropped (not even redacted: there is nothing to show). */
export function readOutputs(raw: z.output<typeof outputsSchema>): Outputs {
  return Object.fromEntries(
    Object.entries(raw).map(([name, o]): [string, OutputValue] => [
      name,
      o.sensitive ? { sensitive: true, type: o.type } : { sensitive: false, type: o.type, value: o.value },
    ]),
  );
}
