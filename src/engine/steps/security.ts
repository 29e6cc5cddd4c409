import * as z from "zod";
import { SEVERITIES, SCAN_FORMATS } from "../../security/findings.js";
import { judgeImage, passText, refusalText } from "../../security/policy.js";
import type { ImageJudgement } from "../../security/policy.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { findScanReports } from "../../store/scans/read.js";
import { defineStep, NO_STATE } from "./contract.js";
import { StepFailure } from "./handler.js";
import { environmentName, serviceName, stepKey } from "./names.js";
import { pinStep } from "./pin.js";

const severity = z.enum(SEVERITIES);
const gateFinding = z.object({ id: z.string(), severity, title: z.string() });

const judgement = z.object({
  service: z.string(),
  digest: z.string().nullable(),
  verdict: z.enum(["clear", "blocked", "unscanned"]),
  passes: z.boolean(),
  report: z
    .object({
      tool: z.string(),
      format: z.enum(SCAN_FORMATS),
      receivedAtMs: z.number(),
      counts: z.record(severity, z.int()),
    })
    .nullable(),
  blocking: z.array(gateFinding),
  allowed: z.array(gateFinding.extend({ until: z.string(), reason: z.string().nullable() })),
  expired: z.array(z.object({ id: z.string(), until: z.string() })),
});

export const securityOutput = z.object({
  environment: z.string(),
  /** The policy applied (absent from the platform now: nothing blocks). */
  policy: z.object({ block: z.array(severity), requireReport: z.boolean() }).nullable(),
  images: z.array(judgement),
});
export type SecurityOutput = z.output<typeof securityOutput>;

/**
 * The security gate of an environment: each service's pinned digest against the scan report
 * stored for it (`quikship ci scan-report`) and the environment's `security` policy, as the
 * platform says now and at the injected clock's moment (allow-list expiry). Fails naming every
 * image it refuses and the findings that block each; what it passes is its output.
 */
export const securityStep = defineStep({
  kind: "security",
  params: z.strictObject({
    environment: environmentName,
    services: z.array(serviceName).min(1),
    /** The run's pin-images step: the digests judged. */
    pinStep: stepKey,
  }),
  state: NO_STATE,
  output: securityOutput,
}).handledBy(async (ctx, p) => {
  const environment = findEnvironment(ctx.platform, p.environment);
  const pinned = ctx.outputOf(pinStep, p.pinStep);
  if (!pinned)
    throw new StepFailure(`the security gate of ${environment.name} found no pinned images: a bug in the plan`);
  const policy = environment.security;
  if (!policy) {
    await ctx.log(`${environment.name} has no security policy now: nothing to check`);
    return { outcome: "done", output: { environment: environment.name, policy: null, images: [] } };
  }
  const now = ctx.clock.now();
  const images: ImageJudgement[] = [];
  for (const name of p.services) {
    const service = findService(ctx.platform, name);
    const digest = pinned.images[service.name]?.digest ?? null;
    const report =
      digest === null ? null : ((await findScanReports(ctx.db.kysely, service.name, [digest])).get(digest) ?? null);
    images.push(judgeImage(policy, { service: service.name, digest }, report, now));
  }
  const output: SecurityOutput = {
    environment: environment.name,
    policy: { block: policy.block, requireReport: policy.requireReport },
    images,
  };
  const refused = images.map((j) => refusalText(j, environment.name)).filter((t): t is string => t !== null);
  if (refused.length > 0) {
    const blocks = policy.block.length ? ` (blocks ${policy.block.join(", ")})` : "";
    throw new StepFailure(`the security policy of ${environment.name}${blocks} refuses ${refused.join("; ")}`, {
      details: { security: output },
    });
  }
  for (const j of images) await ctx.log(passText(j));
  return { outcome: "done", output };
});
