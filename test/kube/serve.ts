/**
 * Runs the Kubernetes API TEST DOUBLE as a process of its own, on the real clock, for end-to-end
 * tests of a quikship server in another process and for trying kubectl against it by hand:
 *
 *   node --import tsx test/kube/serve.ts --kubeconfig /tmp/double.yaml dev=quikapp-dev live=quikapp-live
 *   KUBECONFIG=/tmp/double.yaml kubectl --context dev get deploy
 *
 * Each CONTEXT=NAMESPACE argument is a kubeconfig context whose namespace exists. Pods start after
 * `--pod-start-ms` (default 500) and the controllers run every 200 ms. It prints one line, the
 * double's URL, once it listens, and stops on SIGINT or SIGTERM.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { systemClock } from "../../src/engine/clock.js";
import { KubeDouble } from "./double/index.js";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { kubeconfig: { type: "string" }, "pod-start-ms": { type: "string", default: "500" } },
  });
  const contexts = Object.fromEntries(
    positionals.map((p) => {
      const [context, namespace] = p.split("=");
      if (!context || !namespace) throw new Error(`expected CONTEXT=NAMESPACE, got ${JSON.stringify(p)}`);
      return [context, namespace];
    }),
  );
  const double = await KubeDouble.start({
    clock: systemClock,
    namespaces: [...new Set(Object.values(contexts))],
    podStartMs: Number(values["pod-start-ms"]),
    reconcileEveryMs: 200,
  });
  if (values.kubeconfig) writeFileSync(values.kubeconfig, double.kubeconfig(contexts));
  console.log(double.url);
  const stop = (): void => void double.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
