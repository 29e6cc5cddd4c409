import { loadPlatformOrThrow } from "../src/config/load.js";
import type { Platform } from "../src/config/types.js";
import { RegistryImages } from "../src/registry/images.js";
import { pushImage } from "../test/support/oci-image.js";
import { startRegistry } from "../test/support/registry.js";
import { report, summarize } from "./support.js";

const ROUNDS = 7;
const TARGET_MS = 150;

/**
 * What the pin-images step of a train of the QuikApp platform's 33 services costs: each service's
 * tag resolved to its digest at a real registry (Debian's docker-registry on loopback, the images
 * pushed by skopeo beforehand), in parallel, with a fresh per-run cache each round (so every tag is
 * asked once per round; each is requested twice, as a train that names a service twice would).
 */
export async function benchRegistry(): Promise<void> {
  console.log("\n# Registry: resolving a 33-service train's tags (local docker-registry)");
  const registry = await startRegistry();
  try {
    const quikapp = loadPlatformOrThrow("examples/quikapp").platform;
    const services = Object.values(quikapp.services).map((s) => ({
      ...s,
      image: `${registry.host}/quikapp/${s.name}`,
    }));
    await Promise.all(
      services.map((s) => pushImage(registry, `quikapp/${s.name}`, "v1.0.0", { content: `bench ${s.name}` })),
    );
    const platform: Platform = { ...quikapp, services: Object.fromEntries(services.map((s) => [s.name, s])) };
    const train = [...services, ...services].map((service) => ({ service, tag: "v1.0.0" }));
    const samples: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const images = new RegistryImages(() => platform);
      const start = process.hrtime.bigint();
      const results = await images.resolveMany(train);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw new Error(`a tag did not resolve: ${String(failed.reason)}`);
      // The first round warms the process (module loading, the first connections), as the others do not.
      if (round > 0) samples.push(ms);
    }
    report(`resolve ${services.length} tags (${train.length} asked), fresh cache each run`, summarize(samples), {
      max: TARGET_MS,
      of: "median",
    });
  } finally {
    await registry.stop();
  }
}
