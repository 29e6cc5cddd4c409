import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { bundleCli } from "../../scripts/build.js";

let built: Promise<string> | undefined;

/**
 * The CLI bundled from the current sources, for tests that start and kill real processes many
 * times: it starts in a fraction of the time the sources take through tsx, and is never stale.
 * `npm test` bundles it once for every test process (QUIKSHIP_TEST_CLI_BUNDLE, its entry script);
 * otherwise each test process bundles into a directory of its own (inside the checkout, so the
 * external modules resolve) and removes it when it exits.
 */
export function cliBundle(): Promise<string> {
  const shared = process.env.QUIKSHIP_TEST_CLI_BUNDLE;
  if (!built && shared) built = Promise.resolve(resolve(shared));
  if (!built) {
    const outdir = `test-output/bundle-${process.pid}`;
    process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
    built = bundleCli(outdir).then((path) => resolve(path));
  }
  return built;
}
