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
\`kubectl kustomize DIR/overlays/ENV\`. --diff DIR compares with a tree written earlier (a directory,
such as a checkout of your config repository). --diff alone compares with the rendering the
kubernetes target stored with each service's running revision, or with --revision N (one service,
--services SERVICE) with that revision's: it asks the server (--server, --state as the client
commands) and renders each service with the revision's own tag unless --tag is given. Offline, a
variable whose value is a terraform output (tfoutput:ENV/NAME) is rendered as that reference, and a
warning says so; the kubernetes target resolves it when it deploys. See docs/kubernetes.md.

Examples:
  quikship render live --out deploy/
  quikship render live --tag v1.2.4 --diff deploy/
  quikship render live --diff                                   # against what runs now
  quikship render live --services auth-service --diff --revision 12`;

export function addRenderCommand(program: Command, { common, run }: RenderKit): void {
  common(program.command("render"))
    .description(
      "write an environment's Kubernetes manifests as a Kustomize tree (base/SERVICE/, overlays/ENV/), print them built, or diff them with an earlier tree or a revision's stored rendering",
    )
    .argument("<env>", "environment name or alias")
    .option("--services <list>", "service names separated by commas, or all (default: all)")
    .option(
      "--tag <tag>",
      "image tag of the rendered services (default: latest; with --diff against revisions, each revision's tag)",
    )
    .option("--out <dir>", "write the tree into this directory (replacing overlays/ENV and the rendered bases)")
    .option(
      "--diff [dir]",
      "show how the rendering differs from the tree in this directory, or (alone) from the revisions' stored renderings; writes nothing",
    )
    .option("--revision <n>", "with --diff alone: this revision of the one service given (default: the running one)")
    .option("--server <url>", "quikship server of --diff against revisions (default as the client commands)")
    .option("--state <dir>", "state directory of a local server, for --diff against revisions")
    .addHelpText("after", AFTER)
    .action(run(async (env: string, opts: RenderCommandOptions) => (await import("./render.js")).render(env, opts)));
}
