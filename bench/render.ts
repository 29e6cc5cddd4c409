import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlatformOrThrow } from "../src/config/load.js";
import { renderEnvironment } from "../src/manifests/render.js";
import { bundleCli } from "../scripts/build.js";
import { report, timeInProcess, timeProcess } from "./support.js";

/** Kubernetes manifests: the pure rendering in process, and `quikship render live --out` as a whole process. */
export async function benchRender(): Promise<void> {
  console.log("\n# Kubernetes manifests: quikship render");
  await bundleCli();
  const { platform } = loadPlatformOrThrow("examples/quikapp");
  const root = mkdtempSync(join(tmpdir(), "quikship-bench-render-"));
  try {
    report(
      "QuikApp, all 8 environments (33 services each), in process",
      timeInProcess(20, () => {
        for (const env of platform.ladder) renderEnvironment(platform, env, { root, defaultTag: "v1.2.3" });
      }),
      { max: 200, of: "median" },
    );
    const bare = timeProcess(15, process.execPath, ["-e", "0"]);
    report("`node -e 0`, whole process", bare);
    const render = timeProcess(15, process.execPath, [
      "dist/quikship.mjs",
      "render",
      "live",
      "-c",
      "examples/quikapp",
      "--tag",
      "v1.2.3",
      "--out",
      root,
    ]);
    report("`quikship render live --out DIR`, whole process", render, { max: 3 * bare.median, of: "median" });
    console.log(`ratio to a bare node: ${(render.median / bare.median).toFixed(2)}× (target ≤ 3×)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
