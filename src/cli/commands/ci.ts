/** `quikship ci notify`: tells the server that CI built an artifact (POST /v1/artifacts). */
import type { ArtifactResult } from "../../api/promotion-schemas.js";
import { UsageError } from "../../errors.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

export interface NotifyOptions extends ClientOptions {
  service: string;
  tag: string;
  branch?: string;
  gitTag?: string;
}

function notifyText(result: ArtifactResult): string {
  return [
    result.message,
    ...result.runs.map((r) => `run ${r.id} ${r.status}: deploy of ${result.artifact.tag} in ${r.environment}`),
  ].join("\n");
}

export async function ciNotify(options: NotifyOptions): Promise<number> {
  if ((options.branch === undefined) === (options.gitTag === undefined)) {
    throw new UsageError(
      `give exactly one of --branch and --git-tag, ${options.branch === undefined ? "not neither" : "not both"}`,
    );
  }
  const source = options.branch !== undefined ? { branch: options.branch } : { gitTag: options.gitTag };
  const result = await clientFor(options).post<ArtifactResult>("/v1/artifacts", {
    service: options.service,
    tag: options.tag,
    ...source,
  });
  emit(options, result, notifyText);
  return 0;
}
