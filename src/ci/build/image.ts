/**
 * The image builder this machine has: `docker buildx` where a Docker daemon answers, else
 * `buildah` (chroot isolation, vfs storage: works as root without a daemon or overlay mounts).
 * Each function returns the argv to run; the runner spawns them.
 */
import { spawnSync } from "node:child_process";

export type Builder = "docker-buildx" | "buildah";

function works(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: "ignore", timeout: 20_000 });
  return r.status === 0;
}

/** QUIKSHIP_IMAGE_BUILDER (docker-buildx or buildah) forces one; otherwise the first that works. */
export function detectBuilder(env: NodeJS.ProcessEnv = process.env): Builder | undefined {
  const forced = env.QUIKSHIP_IMAGE_BUILDER;
  if (forced === "docker-buildx" || forced === "buildah") return forced;
  if (works("docker", ["buildx", "version"]) && works("docker", ["info", "--format", "{{.ID}}"]))
    return "docker-buildx";
  if (works("buildah", ["--version"])) return "buildah";
  return undefined;
}

/** Registries on the loopback interface speak plain HTTP, as Docker assumes too. */
export function isLoopbackRegistry(image: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\//.test(image);
}

export interface ImageJob {
  image: string;
  dockerfile: string;
  context: string;
  platforms: string[];
  /** A file the digest of the pushed image is written to. */
  digestFile: string;
}

const BUILDAH = ["buildah", "--storage-driver", "vfs"];

export function buildCommand(builder: Builder, job: ImageJob): string[] {
  const platforms = job.platforms.join(",");
  if (builder === "docker-buildx") {
    // One platform loads into the daemon for the scan; several can only be pushed (the push step does).
    const load = job.platforms.length === 1 ? ["--load"] : [];
    return [
      "docker",
      "buildx",
      "build",
      "--platform",
      platforms,
      "-f",
      job.dockerfile,
      "-t",
      job.image,
      ...load,
      job.context,
    ];
  }
  const name = job.platforms.length === 1 ? ["-t", job.image] : ["--manifest", job.image];
  return [
    ...BUILDAH,
    "build",
    "--isolation",
    "chroot",
    "--platform",
    platforms,
    "-f",
    job.dockerfile,
    ...name,
    job.context,
  ];
}

export function pushCommands(builder: Builder, job: ImageJob): string[][] {
  if (builder === "docker-buildx") {
    if (job.platforms.length > 1) {
      return [
        [
          "docker",
          "buildx",
          "build",
          "--platform",
          job.platforms.join(","),
          "-f",
          job.dockerfile,
          "-t",
          job.image,
          "--push",
          "--metadata-file",
          `${job.digestFile}.json`,
          job.context,
        ],
      ];
    }
    return [["docker", "push", job.image]];
  }
  const tls = isLoopbackRegistry(job.image) ? ["--tls-verify=false"] : [];
  const push = job.platforms.length === 1 ? ["push"] : ["manifest", "push", "--all"];
  return [[...BUILDAH, ...push, ...tls, "--digestfile", job.digestFile, job.image, `docker://${job.image}`]];
}

/** docker: the digest is read after the push; buildah wrote it to the digest file. */
export function digestCommand(builder: Builder, job: ImageJob): string[] | undefined {
  if (builder === "buildah" || job.platforms.length > 1) return undefined;
  return ["docker", "inspect", "--format", "{{index .RepoDigests 0}}", job.image];
}
