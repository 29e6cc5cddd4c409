import { quikappEnvironment, revisionRequest, startKubeTarget } from "../test/targets/kubernetes-support.js";
import { report, summarize } from "./support.js";

/**
 * The kubernetes target: a train of the 33 QuikApp services deployed to one environment on the
 * Kubernetes API test double (in this process, pods ready at once): quikship's time per service
 * (render from the platform, store the rendering, server-side apply of every object, prune, route
 * and HPA), the requests each deploy makes, and the wall time until every service is ready.
 */
export async function benchKubernetes(): Promise<void> {
  console.log("\n# Kubernetes target: 33 QuikApp services to dev on the API test double");
  const rig = await startKubeTarget(["dev"]);
  try {
    const dev = quikappEnvironment(rig.platform, "dev");
    const services = Object.values(rig.platform.services);
    const perService: number[] = [];
    const requests: number[] = [];
    const start = process.hrtime.bigint();
    for (const service of services) {
      const before = rig.double.requests.length;
      const t0 = process.hrtime.bigint();
      const n = await rig.revision(dev, service, "v1.2.3");
      await rig.target.ensureRevision(
        revisionRequest(dev, service, n, "v1.2.3", dev.replicas.min),
        AbortSignal.timeout(30_000),
      );
      await rig.target.setWeights(dev, service, { [n]: 100 });
      perService.push(Number(process.hrtime.bigint() - t0) / 1e6);
      requests.push(rig.double.requests.length - before);
    }
    let ready = 0;
    for (const service of services) {
      const status = await rig.target.status(dev, service);
      if (status.revisions.every((r) => r.ready === r.desired && r.desired > 0)) ready++;
    }
    const total = Number(process.hrtime.bigint() - start) / 1e6;
    report("per service: record, render, apply, prune, route, HPA", summarize(perService), { max: 20, of: "median" });
    console.log(`all ${services.length} services: ${total.toFixed(0)} ms to ${ready} of ${services.length} ready`);
    const r = summarize(requests);
    console.log(`API requests per service deploy: min ${r.min}  median ${r.median}  max ${r.max}`);
  } finally {
    await rig.close();
  }
}
