/** The build manifest `ci build` writes and `ci notify --manifest` reads. */
import * as z from "zod";

export const BUILD_STEPS = ["setup", "cache", "install", "lint", "test", "build", "image", "scan", "push"] as const;
export type BuildStep = (typeof BUILD_STEPS)[number];

export const buildManifest = z
  .strictObject({
    version: z.literal(1),
    service: z.string().min(1),
    tag: z.string().min(1),
    /** repository:tag */
    image: z.string().min(1),
    /** sha256:..., once pushed. */
    digest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/)
      .nullable(),
    source: z
      .union([z.strictObject({ branch: z.string().min(1) }), z.strictObject({ gitTag: z.string().min(1) })])
      .nullable(),
    commit: z.string().regex(/^([a-f0-9]{40}|[a-f0-9]{64})$/),
    commitTime: z.string().min(1),
    builder: z.enum(["docker-buildx", "buildah", "none"]),
    startedAt: z.string(),
    finishedAt: z.string(),
    steps: z.array(
      z.strictObject({
        step: z.enum(BUILD_STEPS),
        status: z.enum(["done", "skipped", "failed"]),
        ms: z.number().nonnegative(),
        note: z.string().optional(),
      }),
    ),
  })
  .describe("What `quikship ci build` built: service, tag, source commit and its time, image, digest, step timings.");

export type BuildManifest = z.output<typeof buildManifest>;
