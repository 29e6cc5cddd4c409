/**
 * Exit codes of `terraform plan -detailed-exitcode`, mapped once: 0 the plan succeeded with no
 * changes, 1 an error, 2 the plan succeeded and there are changes. Any other code (a signal, a crash)
 * is an error too.
 */
export type PlanExit = "no-changes" | "changes" | "error";

export function planExit(code: number | null): PlanExit {
  if (code === 0) return "no-changes";
  if (code === 2) return "changes";
  return "error";
}

/** Every other command: 0 success, anything else an error. */
export function commandSucceeded(code: number | null): boolean {
  return code === 0;
}
