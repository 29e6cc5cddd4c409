/** `quikship ci notify`: tells the server that CI built an artifact (POST /v1/artifacts). */
import { readFileSync } from "node:fs";
import type { ArtifactResult } from "../../api/promotion-schemas.js";
import { buildManifest } from "../../ci/manifest.js";
import type { BuildManifest } from "../../ci/manifest.js";
import { InputError, UsageError } from "../../errors.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

export interface NotifyOptions extends ClientOptions {
  manifest?: string;
  service?: string;
  tag?: string;
  branch?: string;
  gitTag?: string;
}

function notifyText(result: ArtifactResult): string {
  return [
    result.message,
    ...result.runs.map((r) => `run ${r.id} ${r.status}: deploy of ${result.artifact.tag} in ${r.environment}`),
  ].join("\n");
}

export function readManifest(file: string): BuildManifest {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the build manifest ${file}: ${(error as Error).message}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = buildManifest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file} is not a build manifest: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** The artifact to register: from the options, each of which wins over the manifest's. */
function artifactOf(options: NotifyOptions): Record<string, string> {
  const m = options.manifest !== undefined ? readManifest(options.manifest) : undefined;
  const service = options.service ?? m?.service;
  const tag = options.tag ?? m?.tag;
  if (service === undefined || tag === undefined) throw new UsageError("give --service and --tag, or --manifest");
  const fromOptions = options.branch !== undefined || options.gitTag !== undefined;
  const branch = fromOptions ? options.branch : m?.source && "branch" in m.source ? m.source.branch : undefined;
  const gitTag = fromOptions ? options.gitTag : m?.source && "gitTag" in m.source ? m.source.gitTag : undefined;
  if ((branch === undefined) === (gitTag === undefined)) {
    throw new UsageError(
      `give exactly one of --branch and --git-tag${m ? " (the manifest names neither)" : ""}, ${branch === undefined ? "not neither" : "not both"}`,
    );
  }
  return {
    service,
    tag,
    ...(branch !== undefined ? { branch } : { gitTag: gitTag! }),
    ...(m?.digest ? { digest: m.digest } : {}),
    ...(m ? { commit: m.commit, commitTime: m.commitTime } : {}),
  };
}

export async function ciNotify(options: NotifyOptions): Promise<number> {
  const result = await clientFor(options).post<ArtifactResult>("/v1/artifacts", artifactOf(options));
  emit(options, result, notifyText);
  return 0;
}
