import * as z from "zod";
import { described, lazily } from "./common.js";

/** One or more shell commands, run in order with `sh -c`; the first that fails stops the build. */
export const buildCommands = lazily(() =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .apply(
      described,
      "A shell command, or several run in order. {service}, {stack}, {tag} and {image} are replaced by the service's name, its stack, the tag and the image reference.",
    ),
);

export const setupAction = lazily(() =>
  z
    .strictObject({
      uses: z
        .string()
        .min(1)
        .apply(described, 'A GitHub Actions action that installs the runtime, e.g. "actions/setup-go@v5".'),
      with: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
        .optional()
        .apply(described, 'Its inputs, e.g. {go-version: "1.21"}.'),
    })
    .apply(described, "A setup action of the generated workflows; a local build uses the machine's runtimes instead."),
);

export const buildImage = lazily(() =>
  z
    .strictObject({
      context: z
        .string()
        .default(".")
        .apply(described, "Build context, relative to the repository's top level; {service} and {stack} are replaced."),
      platforms: z
        .array(z.string().regex(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/, 'must be a platform such as "linux/amd64"'))
        .min(1)
        .default(["linux/amd64"])
        .apply(described, 'Target platforms, e.g. ["linux/amd64", "linux/arm64"].'),
    })
    .apply(
      described,
      "The container image: built from the service's dockerfile (the stack's unless the service overrides it).",
    ),
);

export const stackBuild = lazily(() =>
  z
    .strictObject({
      workdir: z
        .string()
        .default(".")
        .apply(
          described,
          'Directory the commands run in, relative to the repository\'s top level, e.g. "services/{service}".',
        ),
      setup: z
        .array(setupAction)
        .default([])
        .apply(described, "Actions that install the stack's runtime in the workflows."),
      cacheKeyFiles: z
        .array(z.string().min(1))
        .default([])
        .apply(
          described,
          'Lock files, relative to workdir, whose content keys the dependency cache, e.g. ["go.sum"]. The key changes exactly when one of them does.',
        ),
      cachePaths: z
        .array(z.string().min(1))
        .default([])
        .apply(
          described,
          'Directories the dependency cache keeps (absolute, ~/..., or relative to the repository\'s top level), e.g. ["~/go/pkg/mod"].',
        ),
      install: buildCommands.optional().apply(described, "Fetches the dependencies."),
      lint: buildCommands.optional().apply(described, "Static checks."),
      test: buildCommands.optional().apply(described, "Unit tests."),
      build: buildCommands.optional().apply(described, "Builds the application."),
      image: buildImage.default({ context: ".", platforms: ["linux/amd64"] }),
      scan: buildCommands
        .optional()
        .apply(described, 'Scans the built image, e.g. "trivy image --severity HIGH,CRITICAL --exit-code 0 {image}".'),
      push: z.boolean().default(true).apply(described, "Whether CI pushes the image (pull requests never push)."),
    })
    .apply(
      described,
      "How CI builds the stack's services, step by step: setup, cache, install, lint, test, build, image, scan, push.",
    ),
);

export const ciSettings = lazily(() =>
  z
    .strictObject({
      sharedPaths: z
        .array(z.string().min(1))
        .default([])
        .apply(
          described,
          "Globs of repository paths whose change means every service changed (e.g. a shared library).",
        ),
    })
    .apply(described, "Change detection shared by every service."),
);
