import * as z from "zod";
import { InputError } from "../../errors.js";
import type { CanaryGuard, PreviewRoute, RevisionSpec } from "../contract.js";

/** Environment and service names become paths of log files: letters, digits, dots, dashes, underscores. */
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-' only");

export const revisionSpecSchema = z.object({
  environment: name,
  service: name,
  revision: z.number().int().min(1),
  tag: z.string().min(1),
  replicas: z.number().int().min(0).max(100),
  command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().min(1),
  healthPath: z.string().startsWith("/"),
  env: z.record(z.string(), z.string()),
  secretNames: z.array(z.string()),
}) satisfies z.ZodType<RevisionSpec>;

export const routerBodySchema = z.object({ port: z.number().int().min(0).max(65_535).optional() });
export const weightsBodySchema = z.object({ weights: z.record(z.string(), z.number()) });
export const restartBodySchema = z.object({
  maxUnavailable: z.number().int().min(1).optional(),
  /** Idempotency key: a restart with a key seen before restarts nothing. */
  key: z.string().min(1).max(200).optional(),
  /** Answer once the restart is done, rather than as soon as it began. */
  wait: z.boolean().optional(),
});

export const previewBodySchema = z.object({
  revision: z.number().int().min(1),
  mirrorPercent: z.number().min(0).max(100),
}) satisfies z.ZodType<PreviewRoute>;

const threshold = z.object({ warning: z.number().min(0), critical: z.number().min(0) });
export const guardBodySchema = z.object({
  canary: z.number().int().min(1),
  stable: z.number().int().min(1),
  thresholds: z.object({ errorRatePercent: threshold.optional(), latencyP99Ms: threshold.optional() }),
  judgement: z.object({
    minSampleRequests: z.number().int().min(1),
    confidence: z.number().gt(0).lt(1),
    inconclusive: z.enum(["pause", "abort", "promote"]),
  }),
}) satisfies z.ZodType<CanaryGuard>;

export const namesSchema = z.object({
  env: name,
  service: name.optional(),
  revision: z.coerce.number().int().min(1).optional(),
});
export const logsQuerySchema = z.object({
  revision: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** Parses a request part, or throws an InputError naming every problem. */
export function parse<T>(schema: z.ZodType<T>, data: unknown, part: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const summary = result.error.issues.map((i) => `${[part, ...i.path.map(String)].join(".")}: ${i.message}`).join("; ");
  throw new InputError(`invalid request ${part}: ${summary}`);
}
