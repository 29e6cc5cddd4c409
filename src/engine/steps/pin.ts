import * as z from "zod";
import type { Environment, Service } from "../../config/types.js";
import { requireSigned } from "../../artifacts/require-signed.js";
import type { SignedCheck } from "../../artifacts/require-signed.js";
import { NotFoundError, UnavailableError } from "../../errors.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { pinsImages } from "../../registry/images.js";
import { activeRevisions } from "../../store/revisions/read.js";
import { defineStep } from "./contract.js";
import type { TypedStepContext } from "./contract.js";
import { environmentName, serviceName } from "./names.js";

/** After the registry was unreachable, the next try: soon, then at most every 30 s. */
const RETRY_MS = [2_000, 5_000, 10_000, 30_000] as const;

const pinParams = z.strictObject({
  /** The environments the images go to (a promotion's targets): pinned when any of them pins. */
  environments: z.array(environmentName).min(1),
  services: z.array(serviceName).min(1),
  tag: z.string(),
  /** A promotion: the source environment whose active revisions' digests are taken, never resolved again. */
  source: environmentName.optional(),
  /** Digests CI pushed (`ci notify --manifest`), by service: taken as they are, once the registry has them. */
  digests: z.record(z.string(), z.string()).optional(),
});

const pinned = z.object({
  image: z.string(),
  tag: z.string(),
  digest: z.string().nullable(),
  /** registry: resolved now; source: the source revision's; ci: what CI pushed; none: no registry here. */
  from: z.enum(["registry", "source", "ci", "none"]),
});
export const pinOutput = z.object({ images: z.record(z.string(), pinned) });
export type PinOutput = z.output<typeof pinOutput>;
type Pinned = z.output<typeof pinned>;

const pinState = z.object({ failures: z.int() });

/**
 * Pins the image of every service of a deploy or promotion to a digest, before any gate: a tag the
 * registry does not have fails the run at once with the registry's answer; a registry that cannot
 * be reached is a wait, tried again, never a failed run. A promotion takes the digest the source
 * revision recorded (checking the registry still has it) and does not resolve the tag again.
 */
export const pinStep = defineStep({
  kind: "pin-images",
  params: pinParams,
  state: pinState.nullable().default(null),
  output: pinOutput,
}).handledBy(async (ctx, p) => {
  const environments = p.environments.map((e) => findEnvironment(ctx.platform, e));
  const sourceRows = p.source ? await activeRevisions(ctx.db.kysely, p.source) : [];
  const fromSource = new Map(sourceRows.map((r) => [r.service, r.digest]));
  const images: Record<string, Pinned> = {};
  let signed: SignedCheck[] = [];
  try {
    for (const name of p.services) {
      const service = findService(ctx.platform, name);
      images[name] = await pinOne(ctx, environments, service, p.tag, {
        source: p.source === undefined ? undefined : (fromSource.get(name) ?? null),
        ci: p.digests?.[name],
      });
    }
    signed = await requireSigned(ctx.platform, ctx.images, environments, images);
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    const failures = (ctx.state?.failures ?? 0) + 1;
    const untilMs = ctx.clock.now() + RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]!;
    const message = `${error.message} (try ${failures})`;
    return {
      outcome: "wait",
      reason: { kind: "timer", message, untilMs },
      wakeAtMs: untilMs,
      state: { failures },
    };
  }
  for (const [name, image] of Object.entries(images))
    await ctx.log(
      `${name}: ${image.image}:${image.tag}${image.digest ? `@${image.digest}` : ""} (${describeFrom(image)})`,
    );
  for (const s of signed) await ctx.log(`${s.service}: signed by key ${s.keyId}, as ${s.environment} requires`);
  return { outcome: "done", output: { images } };
});

async function pinOne(
  ctx: TypedStepContext<unknown>,
  environments: readonly Environment[],
  service: Service,
  tag: string,
  known: { source: string | null | undefined; ci: string | undefined },
): Promise<Pinned> {
  const base = { image: service.image, tag };
  const pinning = environments.find((e) => pinsImages(e, service));
  if (!pinning) return { ...base, digest: known.source ?? null, from: known.source ? "source" : "none" };
  if (known.source) {
    await confirm(ctx, service, known.source, "the digest the source revision runs, is no longer");
    return { ...base, digest: known.source, from: "source" };
  }
  if (known.ci) {
    await confirm(ctx, service, known.ci, "the digest CI reported, is not");
    return { ...base, digest: known.ci, from: "ci" };
  }
  const digest = await ctx.images.resolve(pinning, service, tag, ctx.signal);
  return digest ? { ...base, digest, from: "registry" } : { ...base, digest: null, from: "none" };
}

/** The registry still has `digest` (it may have been pruned or deleted since): else the run fails naming the image. */
async function confirm(ctx: TypedStepContext<unknown>, service: Service, digest: string, what: string): Promise<void> {
  try {
    await ctx.images.check(service, digest, ctx.signal);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(`${service.name}: ${service.image}@${digest}, ${what} in its registry (${error.message})`, {
      cause: error,
    });
  }
}

function describeFrom(image: Pinned): string {
  switch (image.from) {
    case "registry":
      return "resolved at the registry";
    case "source":
      return "the source revision's digest";
    case "ci":
      return "the digest CI pushed";
    case "none":
      return "no registry here: the tag only";
  }
}
