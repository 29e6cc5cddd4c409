/**
 * `quikship render`: the platform as a Kustomize tree. Registered by main.ts; the rendering code
 * is loaded only when the command runs.
 */
import type { Command } from "commander";
import type { RenderCommandOptions } from "./render.js";

export interface RenderKit {
  common: (command: Command) => Command;
  run: <A extends unknown[]>(body: (...args: A) => Promise<number> | number) => (...args: A) => Promise<void>;
}

const AFTER = `
Without --out or --diff, the tree is built with \`kubectl kustomize\` and the YAML printed: kubectl
must be on PATH (or $QUIKSHIP_KUBECTL). --out writes the tree and needs no kubectl; build it with
\`kubectl kustomize DIR/overlays/ENV\`. --diff compares with a tree written earlier (a directory,
such as a checkout of your config repository); comparing with a revision's stored rendering
comes with the Kubernetes target. See docs/kubernetes.md.`;

export function addRenderCommand(program: Command, { common, run }: RenderKit): void {
  common(program.command("render"))
    .description(
      "write an environment's Kubernetes manifests as a Kustomize tree (base/SERVICE/, overlays/ENV/), print them built, or diff them with an earlier tree",
    )
    .argument("<env>", "environment name or alias")
    .option("--services <list>", "service names separated by commas, or all (default: all)")
    .option("--tag <tag>", "image tag of the rendered services", "latest")
    .option("--out <dir>", "write the tree into this directory (replacing overlays/ENV and the rendered bases)")
    .option("--diff <dir>", "show how the rendering differs from the tree in this directory; writes nothing")
    .addHelpText("after", AFTER)
    .action(run(async (env: string, opts: RenderCommandOptions) => (await import("./render.js")).render(env, opts)));
}
