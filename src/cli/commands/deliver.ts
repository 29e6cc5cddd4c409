/**
 * deploy, rollback, restart and scale: each starts a run through POST /v1/runs. The server checks
 * names and parameters; here only what the command line itself got wrong is a usage error.
 */
import type { Json, RunKind, RunView } from "../../engine/types.js";
import { serviceList, wholeNumber } from "../args.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";
import { followToEnd } from "./run.js";

export interface DeliverOptions extends ClientOptions {
  services: string;
  wait?: boolean;
}

const text = (value: Json | undefined): string => (typeof value === "object" ? JSON.stringify(value) : String(value));

function describeRun(run: RunView): string {
  const { tag, revision, replicas } = run.request.params;
  const what =
    run.kind === "deploy" ? `deploy of ${text(tag)}` :
    run.kind === "rollback" ? `rollback to ${revision ? `revision ${text(revision)}` : "the previous revision"}` :
    run.kind === "scale" ? `scale to ${text(replicas)}` :
    run.kind;
  return `run ${run.id} ${run.status}: ${what} in ${run.environment} of ${run.services.join(", ")}\nfollow it with: quikship run ${run.id} --follow`;
}

/** Starts the run; with --wait follows it to its end (exit 1 when it fails or is cancelled). */
async function start(kind: RunKind, environment: string, options: DeliverOptions, params: { [key: string]: Json }): Promise<number> {
  const services = serviceList(options.services);
  const client = clientFor(options);
  const run = await client.post<RunView>("/v1/runs", { kind, environment, services, params });
  if (options.wait) return followToEnd(client, run.id, options);
  emit(options, run, describeRun);
  return 0;
}

export function deploy(environment: string, options: DeliverOptions & { tag: string }): Promise<number> {
  return start("deploy", environment, options, { tag: options.tag });
}

export function rollback(environment: string, options: DeliverOptions & { revision?: string }): Promise<number> {
  const revision = options.revision === undefined ? 0 : wholeNumber("--revision", options.revision, "a revision (0: the previous one)");
  return start("rollback", environment, options, { revision });
}

export function restart(environment: string, options: DeliverOptions): Promise<number> {
  return start("restart", environment, options, {});
}

export function scale(environment: string, options: DeliverOptions & { replicas: string }): Promise<number> {
  return start("scale", environment, options, { replicas: wholeNumber("--replicas", options.replicas, "instances") });
}
