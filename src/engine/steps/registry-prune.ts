import * as z from "zod";
import { pruneRepository } from "../../artifacts/prune.js";
import { InputError, UnavailableError } from "../../errors.js";
import { findService } from "../../platform/lookup.js";
import { defineStep } from "./contract.js";
import { serviceName } from "./names.js";

/** After the registry was unreachable, the next try: soon, then at most every 30 s. */
const RETRY_MS = [2_000, 5_000, 10_000, 30_000] as const;

const tag = z.object({ tag: z.string(), digest: z.string(), createdAt: z.number().nullable() });

export const registryPruneOutput = z.object({
  service: z.string(),
  repository: z.string(),
  dryRun: z.boolean(),
  kept: z.array(tag.extend({ reasons: z.array(z.string()) })),
  /** Deleted tags (in a dry run: what would be deleted). */
  deleted: z.array(tag),
  /** Manifests this execution deleted. */
  deletedDigests: z.array(z.string()),
});

/**
 * `quikship registry prune` for one service's repository as a step of a `registry-prune` run,
 * with the platform's retention rules as they are when it runs. Each deletion passes the fence
 * first, so a server that lost the run deletes nothing; each is logged as it happens, so a later
 * execution (after its server died) that finds fewer tags leaves the record of the earlier ones.
 * A registry that cannot be reached is a wait, tried again.
 */
export const registryPruneStep = defineStep({
  kind: "registry-prune",
  params: z.strictObject({ service: serviceName, dryRun: z.boolean() }),
  state: z.object({ failures: z.int() }).nullable().default(null),
  output: registryPruneOutput,
}).handledBy(async (ctx, p) => {
  const service = findService(ctx.platform, p.service);
  const retention = ctx.platform.registry?.retention;
  if (!retention) throw new InputError("the platform names no registry any more, so nothing to prune");
  try {
    const result = await pruneRepository({
      db: ctx.db,
      platform: ctx.platform,
      images: ctx.images,
      service,
      rules: retention,
      dryRun: p.dryRun,
      clock: ctx.clock,
      deletedBy: `run ${ctx.runId}`,
      signal: ctx.signal,
      fence: ctx.fence,
      deleted: (digest, tags) => ctx.log(`${service.name}: deleted ${digest} (${tags.join(", ")})`),
    });
    const view = (t: { tag: string; digest: string; createdMs: number | undefined }) => ({
      tag: t.tag,
      digest: t.digest,
      createdAt: t.createdMs ?? null,
    });
    const verb = p.dryRun ? "would delete" : "deleted";
    await ctx.log(`${result.repository}: kept ${result.keep.length} tag(s), ${verb} ${result.remove.length}`);
    return {
      outcome: "done",
      output: {
        service: service.name,
        repository: result.repository,
        dryRun: p.dryRun,
        kept: result.keep.map((t) => ({ ...view(t), reasons: t.reasons })),
        deleted: result.remove.map(view),
        deletedDigests: result.deletedDigests,
      },
    };
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    const failures = (ctx.state?.failures ?? 0) + 1;
    const untilMs = ctx.clock.now() + RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]!;
    const reason = { kind: "timer" as const, message: `${error.message} (try ${failures})`, untilMs };
    return { outcome: "wait", reason, wakeAtMs: untilMs, state: { failures } };
  }
});
