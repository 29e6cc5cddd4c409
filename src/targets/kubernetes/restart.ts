/**
 * Restarting a revision as `kubectl rollout restart` does: its Deployment's pod template stamped
 * with `kubectl.kubernetes.io/restartedAt` under a field manager of its own, and the restart's key
 * beside it, so a repeated key restarts nothing. The Deployment is the revision's `SERVICE-rN`, or
 * the rolling `SERVICE` while that runs the revision.
 */
import type { V1Deployment } from "@kubernetes/client-node";
import type { Environment, Service } from "../../config/types.js";
import type { Clock } from "../../engine/clock.js";
import type { ClusterAccess } from "./connection.js";
import { deploymentName } from "./rolling.js";

const RESTART_MANAGER = "quikship-restart";
const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
const RESTART_KEY = "quikship.io/restart-key";

export async function restartDeployment(
  c: ClusterAccess,
  clock: Clock,
  environment: Environment,
  service: Service,
  revision: number,
  idempotencyKey: string,
): Promise<void> {
  const name = await deploymentName(c, environment, service, revision);
  const metadata = { name, namespace: environment.namespace };
  const live = await c.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata });
  if (live?.spec?.template.metadata?.annotations?.[RESTART_KEY] === idempotencyKey) return;
  const annotations = { [RESTARTED_AT]: new Date(clock.now()).toISOString(), [RESTART_KEY]: idempotencyKey };
  const patch = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata,
    spec: { template: { metadata: { annotations } } },
  };
  await c.apply([patch], { manager: RESTART_MANAGER });
}
