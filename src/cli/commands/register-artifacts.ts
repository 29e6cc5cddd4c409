/**
 * The artifact commands: `ci sign` and `ci attest` (added to the `ci` group), `artifacts show`
 * and `registry prune`. Each command's code is loaded only when it runs.
 */
import { Option } from "commander";
import type { Command } from "commander";
import type { ClientOptions } from "../client-options.js";
import type { PruneOptions } from "./artifacts.js";
import type { AttestOptions, SignOptions } from "./ci-sign.js";
import type { CommandKit } from "./register-delivery.js";

const CONFIG = "platform file, or a directory holding quikship.yaml (default: $QUIKSHIP_CONFIG, else ./quikship.yaml)";
const KEY =
  "the signing key (ECDSA P-256: a PEM private key, or the encrypted key `cosign generate-key-pair` writes) by secret reference: env:NAME or file:PATH";
const KEY_PASSWORD = "the password of an encrypted cosign key, by secret reference";

function withPlatform(command: Command): Command {
  return command
    .addOption(new Option("-c, --config <path>", CONFIG))
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"));
}

/** `ci sign` and `ci attest`, added to the `ci` group (also in the ci-only program). */
export function addCiArtifactCommands(program: Command, { run }: CommandKit): void {
  const ci = program.commands.find((c) => c.name() === "ci") ?? program.command("ci");
  withPlatform(ci.command("sign"))
    .description(
      "sign a service's image digest in the cosign format (stored as the sha256-<hex>.sig tag next to the image); environments with a signatures policy verify it before any gate. Writes to the registry with this machine's registry login, as the push did (REGISTRY_AUTH_FILE, containers' auth.json, ~/.docker/config.json), else with the platform's registry credential",
    )
    .argument("<service>", "the service whose image is signed")
    .addOption(new Option("--digest <digest>", "the digest to sign").conflicts("tag"))
    .option("--tag <tag>", "the tag to sign, resolved once at the registry")
    .requiredOption("--key <ref>", KEY)
    .option("--key-password <ref>", KEY_PASSWORD, "env:COSIGN_PASSWORD")
    .action(run(async (service: string, opts: SignOptions) => (await import("./ci-sign.js")).ciSign(service, opts)));

  withPlatform(ci.command("attest"))
    .description(
      "attach SLSA provenance (an in-toto statement in a signed DSSE envelope, the sha256-<hex>.att tag) to the image a build manifest names",
    )
    .option("--manifest <file>", "the build manifest `quikship ci build --push` wrote", "build-manifest.json")
    .requiredOption("--key <ref>", KEY)
    .option("--key-password <ref>", KEY_PASSWORD, "env:COSIGN_PASSWORD")
    .option("--builder-id <id>", "who built it (default: the GitHub Actions run's URL, else a local builder)")
    .option("--source-uri <uri>", "the source repository (default: the GitHub repository's URL)")
    .action(run(async (opts: AttestOptions) => (await import("./ci-sign.js")).ciAttest(opts)));
}

/** `artifacts show` and `registry prune`. */
export function addArtifactCommands(program: Command, { client, run }: CommandKit): void {
  const artifacts = program.command("artifacts").description("images as the registry holds them");
  client(artifacts.command("show"))
    .description(
      "one image digest: its tags, labels, where it runs (revisions per environment), its signatures and provenance checked against the keys the platform trusts, and its scan summary",
    )
    .argument(
      "<image>",
      "SERVICE, SERVICE:TAG or SERVICE@sha256:DIGEST (SERVICE alone: what the furthest environment runs)",
    )
    .action(
      run(async (image: string, opts: ClientOptions) => (await import("./artifacts.js")).artifactsShow(image, opts)),
    );

  const registry = program.command("registry").description("the services' image repositories");
  client(registry.command("prune"))
    .description(
      "delete a service's old image tags: keeps the newest (--keep, else registry.retention.keep), tags matching registry.retention.keepTags, images younger than registry.retention.olderThan, and every digest an environment runs or can roll back to; the registry frees the space at its garbage collection (administrators; registry.retention.schedule makes the server prune by itself, as registry-prune runs)",
    )
    .argument("<service>", "the service whose repository is pruned")
    .option("--keep <n>", "how many newest tags to keep")
    .option("--dry-run", "list what would be deleted and why each kept tag stays; delete nothing")
    .action(
      run(async (service: string, opts: PruneOptions) => (await import("./artifacts.js")).registryPrune(service, opts)),
    );
}
