/**
 * `tfoutput:ENV/NAME`: a variable whose value is the root output NAME of ENV's last terraform
 * apply, resolved when a deployment needs it (engine/tfoutputs.ts). Pure.
 */
export const TFOUTPUT_PREFIX = "tfoutput:";
const REFERENCE = /^tfoutput:([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z_][A-Za-z0-9_-]*)$/;

export interface TfOutputReference {
  environment: string;
  output: string;
}

/** Whether a value is meant as a reference (it starts with `tfoutput:`), well formed or not. */
export const isTfOutputText = (value: unknown): value is string =>
  typeof value === "string" && value.startsWith(TFOUTPUT_PREFIX);

/** The reference a value names, or null when it is no well-formed `tfoutput:ENV/NAME`. */
export function parseTfOutput(value: string): TfOutputReference | null {
  const match = REFERENCE.exec(value);
  return match ? { environment: match[1]!, output: match[2]! } : null;
}
