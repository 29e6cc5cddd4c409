/**
 * The commands CI calls: plan (what changed, what to build, which tag, where it goes), workflows
 * (GitHub Actions files that call them), build (the plan's steps on this machine) and notify (tell
 * the server). Registered by main.ts; each command's code is loaded only when it runs, so `ci plan`
 * loads neither the server nor the HTTP client.
 */
import { Option } from "commander";
import type { Command } from "commander";
import type { BuildOptions } from "./ci-build.js";
import type { NotifyOptions } from "./ci.js";
import type { ScanReportOptions } from "./ci-scan-report.js";
import type { PlanOptions } from "./ci-plan.js";
import type { WorkflowsOptions } from "./ci-workflows.js";
import type { CommandKit } from "./register-delivery.js";

const CONFIG = "platform file, or a directory holding quikship.yaml (default: $QUIKSHIP_CONFIG, else ./quikship.yaml)";

function withPlatform(command: Command): Command {
  return command
    .addOption(new Option("-c, --config <path>", CONFIG))
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"));
}

function withTagOptions(command: Command): Command {
  return command
    .addOption(new Option("--branch <name>", "the branch built (tag rules, trigger rules)").conflicts("gitTag"))
    .addOption(new Option("--git-tag <tag>", "the git tag built (tag rules, trigger rules)").conflicts("branch"))
    .option("--sha <sha>", "the commit {sha} and {shortSha} stand for (default: the head commit)")
    .addOption(
      new Option("--tag-strategy <strategy>", "overrides tags.default").choices(["auto", "semver", "commit", "custom"]),
    )
    .option("--custom-tag <tag>", "what {custom} stands for (strategy custom)")
    .option(
      "--repository <owner/name>",
      "the repository this runs in (default: $GITHUB_REPOSITORY, else the origin remote); a repository that a service's `repository` names holds that service only",
    );
}

export function addCiCommands(program: Command, { client, run }: CommandKit): void {
  const ci = program
    .command("ci")
    .description("commands for CI pipelines: plan, workflows, build, notify, scan-report");

  withTagOptions(withPlatform(ci.command("plan")))
    .description(
      "which services changed between two commits (their paths, shared paths), the image tag (tags rules), the environments the build triggers, and each service's build plan; --output json gives a GitHub Actions matrix",
    )
    .option("--base <ref>", "the commit to compare with (its merge base with --head); needed for --services changed")
    .option("--head <ref>", "the commit built", "HEAD")
    .option("--services <which>", "changed, all, or service names separated by commas", "changed")
    .action(run(async (opts: PlanOptions) => (await import("./ci-plan.js")).ciPlan(opts)));

  withPlatform(ci.command("workflows"))
    .description(
      "write the GitHub Actions workflows: quikship-ci.yml (plan, then one job per stack family) and one reusable workflow per stack family that builds, scans and pushes, stores the pushed digest's scan report, signs it, attaches its provenance and notifies",
    )
    .option("--out <dir>", "directory to write them to", ".github/workflows")
    .option(
      "--platform-path <path>",
      "the platform file's path in the repository, as the workflows pass it",
      "quikship.yaml",
    )
    .option("--check", "write nothing; exit 1 when a file in --out differs from what would be written")
    .action(run(async (opts: WorkflowsOptions) => (await import("./ci-workflows.js")).ciWorkflows(opts)));

  withTagOptions(withPlatform(ci.command("build")))
    .description(
      "run a service's build plan on this machine in order (install, lint, test, build, image, scan, push) with live progress; stop at the first failure with its output; write a build manifest",
    )
    .argument("<service>", "the service to build")
    .option("--tag <tag>", "the image tag (default: from the tag rules)")
    .option("--push", "push the image and record its digest (refused for a stack with build.push: false)")
    .option("--manifest <file>", "where to write the build manifest (JSON)", "build-manifest.json")
    .option("--skip <steps>", "steps not to run, separated by commas (install, lint, test, build, scan)")
    .action(run(async (service: string, opts: BuildOptions) => (await import("./ci-build.js")).ciBuild(service, opts)));

  client(ci.command("notify"))
    .description(
      "register a newly built artifact; the environments whose trigger rules match it get a deploy run. With --manifest, the service, tag, source, commit and digest come from a build manifest",
    )
    .option("--manifest <file>", "a build manifest written by `quikship ci build`")
    .option("--service <name>", "the service built")
    .option("--tag <tag>", "the image tag built")
    .addOption(new Option("--branch <branch>", "the branch it was built from").conflicts("gitTag"))
    .addOption(new Option("--git-tag <tag>", "the git tag it was built from").conflicts("branch"))
    .action(run(async (opts: NotifyOptions) => (await import("./ci.js")).ciNotify(opts)));

  addScanReport(ci, client, run);
}

/** The security gate's input: a scanner's report stored per image digest. */
function addScanReport(ci: Command, client: CommandKit["client"], run: CommandKit["run"]): void {
  client(ci.command("scan-report"))
    .description(
      "store the findings of an image's scan report (SARIF 2.1.0 or Trivy JSON, told apart by their fields) for its digest; the security gates of environments with a `security` policy read them. A malformed report is refused naming the file and the JSON path, and nothing is stored",
    )
    .argument("<file>", "the report: `trivy image --format json` or `--format sarif`, or any SARIF 2.1.0 log")
    .requiredOption("--service <name>", "the service whose image was scanned")
    .addOption(new Option("--digest <digest>", "the scanned image's digest (sha256:…)").conflicts("tag"))
    .addOption(
      new Option("--tag <tag>", "the scanned image's tag, resolved to its digest at the registry now").conflicts(
        "digest",
      ),
    )
    .action(
      run(async (file: string, opts: ScanReportOptions) =>
        (await import("./ci-scan-report.js")).ciScanReport(file, opts),
      ),
    );
}
