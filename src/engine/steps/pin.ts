import * as z from "zod";
import type { Environment, Service } from "../../config/types.js";
import { requireSigned } from "../../artifacts/require-signed.js";
import type { SignedCheck } from "../../artifacts/require-signed.js";
import { NotFoundError, UnavailableError } from "../../errors.js";
import { findEnvironment, findService } from "../../platform/lookup.js";
import { pinsImages } from "../../registry/images.js";
import { pinDigest } from "../../store/digests/holds.js";
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
    for (const [name, image] of Object.entries(images)) {
      const service = findService(ctx.platform, name);
      if (image.digest !== null && environments.some((e) => pinsImages(e, service)))
        await holdAndConfirm(ctx, service, { ...image, digest: image.digest });
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
  if (known.source) return { ...base, digest: known.source, from: "source" };
  if (known.ci) return { ...base, digest: known.ci, from: "ci" };
  const digest = await ctx.images.resolve(pinning, service, tag, ctx.signal);
  return digest ? { ...base, digest, from: "registry" } : { ...base, digest: null, from: "none" };
}

/**
 * Records the pin in the store, then checks the registry still has the digest: a prune holds a
 * digest in the store before it deletes it (store/digests/holds.ts), so once the pin is recorded
 * no prune deletes it, and a deletion that came first is seen here. A digest being deleted now,
 * or one resolved from the tag just before a prune deleted it, is resolved again (a wait, then
 * the step again); a digest the source revision runs or CI reported that is gone fails the run.
 */
async function holdAndConfirm(
  ctx: TypedStepContext<unknown>,
  service: Service,
  image: Pinned & { digest: string },
): Promise<void> {
  const shown = `${service.name}: ${service.image}@${image.digest}`;
  const pin = await pinDigest(ctx.db, {
    runId: ctx.runId,
    service: service.name,
    digest: image.digest,
    nowMs: ctx.clock.now(),
  });
  if (!pin.pinned)
    throw new UnavailableError(
      `${shown} is being deleted (${pin.deletedBy}); quikship pins ${image.from === "registry" ? `tag ${image.tag}` : "it"} again once that is done`,
    );
  try {
    await ctx.images.check(service, image.digest, ctx.signal);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    if (image.from === "registry")
      throw new UnavailableError(
        `${shown}, which tag ${image.tag} named, was deleted from its registry as it was pinned; quikship resolves the tag again`,
        { cause: error },
      );
    const what =
      image.from === "source" ? "the digest the source revision runs, is no longer" : "the digest CI reported, is not";
    throw new NotFoundError(`${shown}, ${what} in its registry (${error.message})`, { cause: error });
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
