/**
 * deploy, rollback, restart and scale: each starts a run through POST /v1/runs. The server checks
 * names and parameters; here only what the command line itself got wrong is a usage error.
 */
import type { Json, RunKind, RunView } from "../../engine/types.js";
import { emergencyParam, nameList, serviceList, wholeNumber } from "../args.js";
import { UsageError } from "../../errors.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";
import { followToEnd } from "./run.js";
import { isKind } from "../../kind.js";

export interface DeliverOptions extends ClientOptions {
  services: string;
  wait?: boolean;
}

/** A rollback names services (and maybe a revision), or a release. */
export interface RollbackOptions extends Omit<DeliverOptions, "services"> {
  services?: string;
  revision?: string;
  release?: string;
}

/** --emergency --reason: override the deployment window (allowed groups only). */
export interface EmergencyOptions {
  emergency?: boolean;
  reason?: string;
}

export interface PromoteOptions extends DeliverOptions, EmergencyOptions {
  from: string;
  to: string;
  tag: string;
  skipTests?: boolean;
  skipSourceTests?: boolean;
  canary?: boolean;
}

const text = (value: Json | undefined): string => (typeof value === "object" ? JSON.stringify(value) : String(value));

/** "canary deploy of v2", "rollback to revision 3", "promotion of v2", ... */
function whatOf(run: RunView): string {
  const { tag, revision, replicas, release, canary } = run.request.params;
  switch (run.kind) {
    case "deploy":
      return `${canary === true ? "canary " : ""}deploy of ${text(tag)}`;
    case "rollback":
      if (release) return `rollback of release ${text(release)}`;
      return `rollback to ${revision ? `revision ${text(revision)}` : "the previous revision"}`;
    case "scale":
      return `scale to ${text(replicas)}`;
    case "promote":
      return `promotion of ${text(tag)}`;
    default:
      return run.kind;
  }
}

function describeRun(run: RunView): string {
  const { to, emergency } = run.request.params;
  const what = whatOf(run);
  const where =
    isKind(run, "promote") && Array.isArray(to)
      ? `from ${run.environment} to ${to.map(text).join(", ")}`
      : `in ${run.environment}`;
  const override =
    emergency && typeof emergency === "object" && !Array.isArray(emergency)
      ? `\nemergency override: ${text(emergency.reason)}`
      : "";
  return `run ${run.id} ${run.status}: ${what} ${where} of ${run.services.join(", ")}${override}\nfollow it with: quikship run ${run.id} --follow`;
}

/** Starts the run; with --wait follows it to its end (exit 1 when it fails or is cancelled). */
async function start(
  kind: RunKind,
  environment: string,
  options: Omit<DeliverOptions, "services">,
  params: { [key: string]: Json },
  services: string[],
): Promise<number> {
  const client = clientFor(options);
  const run = await client.post<RunView>("/v1/runs", { kind, environment, services, params });
  if (options.wait) return followToEnd(client, run.id, options);
  emit(options, run, describeRun);
  return 0;
}

export function deploy(
  environment: string,
  options: DeliverOptions & EmergencyOptions & { tag: string; canary?: boolean; skipTests?: boolean },
): Promise<number> {
  const params: { [key: string]: Json } = { tag: options.tag, ...emergencyParam(options) };
  if (options.canary) params.canary = true;
  if (options.skipTests) params.skipTests = true;
  return start("deploy", environment, options, params, serviceList(options.services));
}

/** The source environment is the run's environment; the server checks that it runs the tag. */
export function promote(options: PromoteOptions): Promise<number> {
  const to = nameList("--to", options.to, "environment names");
  const params: { [key: string]: Json } = { to, tag: options.tag, ...emergencyParam(options) };
  if (options.skipTests) params.skipTests = true;
  if (options.skipSourceTests) params.skipSourceTests = true;
  if (options.canary) params.canary = true;
  return start("promote", options.from, options, params, serviceList(options.services));
}

/** Services back to a revision, or a release back as a unit (the server knows its services). */
export function rollback(environment: string, options: RollbackOptions): Promise<number> {
  if (options.release !== undefined) {
    if (options.services !== undefined || options.revision !== undefined)
      throw new UsageError("--release rolls a whole release back; give it without --services and --revision");
    const release = options.release.trim();
    if (release === "") throw new UsageError("--release needs a release id (see `quikship releases`)");
    return start("rollback", environment, options, { release }, []);
  }
  if (options.services === undefined)
    throw new UsageError("rollback needs --services (with --revision N or without) or --release ID");
  const revision =
    options.revision === undefined
      ? 0
      : wholeNumber("--revision", options.revision, "a revision (0: the previous one)");
  return start("rollback", environment, options, { revision }, serviceList(options.services));
}

export function restart(environment: string, options: DeliverOptions): Promise<number> {
  return start("restart", environment, options, {}, serviceList(options.services));
}

export function scale(environment: string, options: DeliverOptions & { replicas: string }): Promise<number> {
  return start(
    "scale",
    environment,
    options,
    { replicas: wholeNumber("--replicas", options.replicas, "instances") },
    serviceList(options.services),
  );
}
