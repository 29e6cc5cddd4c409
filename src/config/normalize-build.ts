import type { z } from "zod";
import type { stackBuild } from "./schema/build.js";
import type { StackBuild } from "./types.js";

const list = (commands: string | string[] | undefined): string[] =>
  commands === undefined ? [] : typeof commands === "string" ? [commands] : commands;

/** A stack's written build steps → every command as a list, missing steps as empty lists. */
export function normalizeBuild(b: z.output<typeof stackBuild>): StackBuild {
  return {
    workdir: b.workdir,
    setup: b.setup.map((s) => ({ uses: s.uses, with: s.with ?? {} })),
    cacheKeyFiles: b.cacheKeyFiles,
    cachePaths: b.cachePaths,
    install: list(b.install),
    lint: list(b.lint),
    test: list(b.test),
    build: list(b.build),
    image: { context: b.image.context, platforms: b.image.platforms },
    scan: list(b.scan),
    push: b.push,
  };
}
