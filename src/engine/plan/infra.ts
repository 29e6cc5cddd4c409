import type { Environment, Platform } from "../../config/types.js";
import { InputError } from "../../errors.js";
import { findEnvironment } from "../../platform/lookup.js";
import { type TerraformEntry, terraformEntry } from "../../platform/terraform.js";
import type { StageSpec, StepSpec } from "../types.js";
import type { SavedPlan } from "./planned.js";

/**
 * Pure planners of infrastructure runs from the platform's `terraform` block: which environments,
 * in which order, behind which gates. Each rung is one stage: plan (a saved plan) → approval (the
 * environment's terraform approvals, unless auto-approved) → window (where the environment has one)
 * → apply of exactly that saved plan. Stages run in ladder order, so a revision reaches a rung only
 * after it applied cleanly on the one before.
 */
export interface PlannedInfra {
  stages: StageSpec[];
  /** What explain says about choices made while planning: rungs skipped, auto-approval refused. */
  notes: string[];
}

interface Rung {
  env: Environment;
  entry: TerraformEntry;
}

function requireTerraform(platform: Platform): NonNullable<Platform["terraform"]> {
  if (!platform.terraform)
    throw new InputError("the platform has no terraform block: there is no infrastructure to run");
  return platform.terraform;
}

function rungOf(platform: Platform, name: string): Rung {
  requireTerraform(platform);
  const env = findEnvironment(platform, name);
  const entry = terraformEntry(platform, env);
  if (!entry) {
    const known = Object.keys(platform.terraform?.environments ?? {}).join(", ");
    throw new InputError(`${env.name} has no entry under terraform.environments (entries: ${known || "none"})`);
  }
  return { env, entry };
}

/** The apply approval: the entry's approvals; none when auto-approved; auto-approval is refused for prod-tier environments. */
function applyApproval(rung: Rung, planStep: string, notes: string[]): StepSpec | null {
  const { env, entry } = rung;
  if (!entry.approvals && entry.autoApprove && env.tier !== "prod") return null;
  if (!entry.approvals && entry.autoApprove)
    notes.push(`${env.name}: autoApprove is refused for a prod-tier environment; an approval is required`);
  if (entry.approvals && entry.autoApprove)
    notes.push(`${env.name}: approvals are configured, so autoApprove is ignored`);
  const who = entry.approvals ? entry.approvals.groups.join(", ") : "anyone allowed to run infra";
  return {
    key: `${env.name}/approval`,
    kind: "infra-approval",
    title: `approval to apply ${env.name}: ${who}`,
    params: { environment: env.name, purpose: "apply", planStep },
  };
}

function windowStep(env: Environment): StepSpec[] {
  if (!env.windows) return [];
  return [
    {
      key: `${env.name}/window`,
      kind: "window",
      title: `deployment window of ${env.name}`,
      params: { environment: env.name },
    },
  ];
}

/** The lock of the environment's state: taken before its plan, held until the run leaves the environment. */
export const INFRA_LOCK = "terraform";

function lockStep(env: Environment): StepSpec {
  return {
    key: `${env.name}/lock`,
    kind: "lock",
    title: `lock the terraform state of ${env.name}`,
    params: { environment: env.name, service: INFRA_LOCK },
  };
}

function planStep(env: Environment, revision: string, mode: "normal" | "destroy"): StepSpec {
  return {
    key: `${env.name}/plan`,
    kind: "infra",
    title: `${mode === "destroy" ? "destroy plan" : "plan"} of ${env.name} at ${revision}`,
    params: { operation: "plan", environment: env.name, revision, mode },
  };
}

function applyStep(env: Environment, revision: string, what: string, saved?: SavedPlan): StepSpec {
  return {
    key: `${env.name}/apply`,
    kind: "infra",
    title: saved ? `apply ${env.name}: the plan saved by run ${saved.run}` : `${what} ${env.name}`,
    params: {
      operation: "apply",
      environment: env.name,
      revision,
      planStep: `${env.name}/plan`,
      ...(saved ? { saved: { run: saved.run, digest: saved.digest } } : {}),
    },
  };
}

function applyStage(rung: Rung, revision: string, notes: string[]): StageSpec {
  const plan = planStep(rung.env, revision, "normal");
  const approval = applyApproval(rung, plan.key, notes);
  return {
    key: rung.env.name,
    title: `infrastructure of ${rung.env.name}`,
    environment: rung.env.name,
    steps: [
      lockStep(rung.env),
      plan,
      ...(approval ? [approval] : []),
      ...windowStep(rung.env),
      applyStep(rung.env, revision, "apply"),
    ],
  };
}

/** `infra plan ENV`: a saved plan, nothing applied. */
export function planInfraPlan(platform: Platform, environment: string, revision: string): PlannedInfra {
  const { env } = rungOf(platform, environment);
  return {
    stages: [
      {
        key: env.name,
        title: `plan of ${env.name}`,
        environment: env.name,
        steps: [lockStep(env), planStep(env, revision, "normal")],
      },
    ],
    notes: [],
  };
}

/** `infra drift ENV`: a refresh-only plan, nothing applied; what differs is the step's output. */
export function planInfraDrift(platform: Platform, environment: string, revision: string): PlannedInfra {
  const { env } = rungOf(platform, environment);
  const drift: StepSpec = {
    key: `${env.name}/drift`,
    kind: "infra",
    title: `drift check of ${env.name}`,
    params: { operation: "drift", environment: env.name, revision },
  };
  return {
    stages: [{ key: env.name, title: `drift of ${env.name}`, environment: env.name, steps: [lockStep(env), drift] }],
    notes: [],
  };
}

/** `infra apply ENV`: plan, the environment's gates, apply. */
export function planInfraApply(platform: Platform, environment: string, revision: string): PlannedInfra {
  const notes: string[] = [];
  return { stages: [applyStage(rungOf(platform, environment), revision, notes)], notes };
}

/**
 * `infra apply ENV --plan RUN`: exactly the plan an earlier plan run saved, behind the same gates;
 * no new plan. Terraform refuses it as stale when the state moved on since it was planned.
 */
export function planInfraSavedApply(platform: Platform, environment: string, saved: SavedPlan): PlannedInfra {
  const rung = rungOf(platform, environment);
  if (rung.env.name !== saved.environment)
    throw new InputError(`run ${saved.run} planned ${saved.environment}, not ${rung.env.name}`);
  const notes: string[] = [];
  const approval = applyApproval(rung, `${rung.env.name}/plan`, notes);
  return {
    stages: [
      {
        key: rung.env.name,
        title: `infrastructure of ${rung.env.name}`,
        environment: rung.env.name,
        steps: [
          lockStep(rung.env),
          ...(approval ? [{ ...approval, title: `${approval.title} (the plan of run ${saved.run})` }] : []),
          ...windowStep(rung.env),
          applyStep(rung.env, saved.revision, "apply", saved),
        ],
      },
    ],
    notes,
  };
}

/**
 * `infra promote --start A --stop B`: every rung from A to B in ladder order; rungs without a
 * terraform entry are skipped and said so.
 */
export function planInfraPromotion(platform: Platform, start: string, stop: string, revision: string): PlannedInfra {
  requireTerraform(platform);
  const from = findEnvironment(platform, start);
  const to = findEnvironment(platform, stop);
  if (to.position < from.position)
    throw new InputError(
      `--stop ${to.name} comes before --start ${from.name} on the ladder (${platform.ladder.join(" → ")})`,
    );
  const notes: string[] = [];
  const stages: StageSpec[] = [];
  for (const name of platform.ladder.slice(from.position, to.position + 1)) {
    const env = findEnvironment(platform, name);
    const entry = terraformEntry(platform, env);
    if (!entry) notes.push(`${env.name}: skipped, it has no terraform entry`);
    else stages.push(applyStage({ env, entry }, revision, notes));
  }
  if (stages.length === 0)
    throw new InputError(`no environment from ${from.name} to ${to.name} has a terraform entry: nothing to promote`);
  return { stages, notes };
}

export interface DestroyRequest {
  environment: string;
  /** Must equal the environment's name as given. */
  confirm: string;
  revision: string;
  /** Required for a prod-tier environment. */
  emergencyReason?: string;
}

/** `infra destroy ENV --confirm ENV`: a destroy plan behind the destroy approvals, refused without them. */
export function planInfraDestroy(platform: Platform, request: DestroyRequest): PlannedInfra {
  const { env, entry } = rungOf(platform, request.environment);
  if (request.confirm !== request.environment)
    throw new InputError(
      `--confirm must repeat the environment to destroy ("${request.environment}"), got "${request.confirm}"`,
    );
  if (!entry.destroyApprovals)
    throw new InputError(`${env.name} cannot be destroyed: terraform.environments.${env.name} has no destroyApprovals`);
  if (env.tier === "prod" && !request.emergencyReason?.trim())
    throw new InputError(`destroying ${env.name} (tier prod) needs an emergency reason`);
  const plan = planStep(env, request.revision, "destroy");
  const approval: StepSpec = {
    key: `${env.name}/approval`,
    kind: "infra-approval",
    title: `approval to destroy ${env.name}: ${entry.destroyApprovals.groups.join(", ")}`,
    params: { environment: env.name, purpose: "destroy", planStep: plan.key },
  };
  const steps = [lockStep(env), plan, approval, ...windowStep(env), applyStep(env, request.revision, "destroy")];
  return { stages: [{ key: env.name, title: `destroy ${env.name}`, environment: env.name, steps }], notes: [] };
}
