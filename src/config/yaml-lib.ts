import { createRequire } from "node:module";
import type * as Yaml from "yaml";

const require = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded the first time it is needed: it builds the positioned documents that
 * only diagnostics need, so a valid platform never pays for loading it (the bundle keeps it out).
 */
export function yaml(): typeof Yaml {
  lib ??= require("yaml") as typeof Yaml;
  return lib;
}
