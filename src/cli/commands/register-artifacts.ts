/**
 * The artifact commands: `ci sign` and `ci attest` (added to the `ci` group), `artifacts show`
 * and `registry prune`. Each command's code is loaded only when it runs.
 */
import { Option } from "commander";
import type { Command } from "commander";
import type { AttestOptions, SignOptions } from "./ci-sign.js";
import type { CommandKit } from "./register-delivery.js";

const CONFIG = "platform file, or a directory holding quikship.yaml (default: $QUIKSHIP_CONFIG, else ./quikship.yaml)";
const KEY = "the signing key (ECDSA P-256, unencrypted PEM) by secret reference: env:NAME or file:PATH";

function withPlatform(command: Command): Command {
  return command
    .addOption(new Option("-c, --config <path>", CONFIG))
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"));
}

export function addArtifactCommands(program: Command, { run }: CommandKit): void {
  const ci = program.commands.find((c) => c.name() === "ci") ?? program.command("ci");
  withPlatform(ci.command("sign"))
    .description(
      "sign a service's image digest in the cosign format (stored as the sha256-<hex>.sig tag next to the image); environments with a signatures policy verify it before any gate",
    )
    .argument("<service>", "the service whose image is signed")
    .addOption(new Option("--digest <digest>", "the digest to sign").conflicts("tag"))
    .option("--tag <tag>", "the tag to sign, resolved once at the registry")
    .requiredOption("--key <ref>", KEY)
    .action(run(async (service: string, opts: SignOptions) => (await import("./ci-sign.js")).ciSign(service, opts)));

  withPlatform(ci.command("attest"))
    .description(
      "attach SLSA provenance (an in-toto statement in a signed DSSE envelope, the sha256-<hex>.att tag) to the image a build manifest names",
    )
    .option("--manifest <file>", "the build manifest `quikship ci build --push` wrote", "build-manifest.json")
    .requiredOption("--key <ref>", KEY)
    .option("--builder-id <id>", "who built it (default: the GitHub Actions run's URL, else a local builder)")
    .option("--source-uri <uri>", "the source repository (default: the GitHub repository's URL)")
    .action(run(async (opts: AttestOptions) => (await import("./ci-sign.js")).ciAttest(opts)));
}
