/** The permission actions, apart from the schema so the command line can name them without loading zod. */

/**
 * What a permission allows in one environment. `cancel`, `abort` and `promote-step` are about
 * other people's runs: anyone may act on a run they started themselves.
 */
export const PERMISSION_ACTIONS = [
  "deploy",
  "promote",
  "rollback",
  "restart",
  "scale",
  "cancel",
  "abort",
  "promote-step",
  "infra",
  "logs",
  "variables",
] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];
