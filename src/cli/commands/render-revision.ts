/**
 * `quikship render ENV --diff --revision N|running`: what would be rendered now beside the
 * rendering the kubernetes target stored with a revision (GET /v1/history/…/rendering). Loaded
 * only when a diff asks for a revision.
 */
import type { RevisionRenderingView } from "../../api/rendering-schemas.js";
import type { Platform } from "../../config/types.js";
import { QuikshipError, UsageError } from "../../errors.js";
import { diffTrees } from "../../manifests/diff.js";
import type { FileChange } from "../../manifests/diff.js";
import { renderEnvironment } from "../../manifests/render.js";
import { diffScope, inScope } from "../../manifests/tree.js";
import type { RenderedFile } from "../../manifests/types.js";
import { findEnvironment } from "../../platform/lookup.js";
import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { isKind } from "../../kind.js";

export type RevisionChoice = number | "running";

export interface RevisionDiff {
  environment: string;
  against: string;
  /** The revision each service was compared with. */
  revisions: { service: string; revision: number; tag: string }[];
  /** Services left out: no revision running, or one the kubernetes target stored no rendering for. */
  skipped: { service: string; reason: string }[];
  changes: FileChange[];
  warnings: string[];
}

/** `--revision N` or `running`; a number only with exactly one service. */
export function revisionChoice(text: string | undefined, services: readonly string[] | undefined): RevisionChoice {
  if (text === undefined || text === "running") return "running";
  if (!/^[1-9][0-9]*$/.test(text))
    throw new UsageError(`--revision must be a revision number or "running", not "${text}"`);
  if (services?.length !== 1)
    throw new UsageError("--revision N names one service's revision: give that service with --services SERVICE");
  return Number(text);
}

async function fetchStored(
  options: ClientOptions,
  environment: string,
  services: readonly string[],
  revision: RevisionChoice,
): Promise<{ stored: RevisionRenderingView[]; skipped: RevisionDiff["skipped"] }> {
  const client = clientFor(options);
  const stored: RevisionRenderingView[] = [];
  const skipped: RevisionDiff["skipped"] = [];
  for (const service of services) {
    const path = `/v1/history/${encodeURIComponent(environment)}/${encodeURIComponent(service)}/${revision}/rendering`;
    try {
      stored.push(await client.get<RevisionRenderingView>(path));
    } catch (error) {
      // A named revision must have its rendering; among running ones, a service without is left out and said so.
      if (revision !== "running" || !(error instanceof QuikshipError) || !isKind(error, "not-found")) throw error;
      skipped.push({ service, reason: error.message });
    }
  }
  return { stored, skipped };
}

/** The stored files of one service that a diff compares: its base and its overlay directory. */
const serviceFiles = (view: RevisionRenderingView): RenderedFile[] =>
  view.files.filter((f) => inScope(f.path, [`base/${view.service}`, `overlays/${view.environment}/${view.service}`]));

/**
 * Renders the services with each revision's own tag (unless `tag` is given) and compares the
 * files with the revisions' stored ones. The environment's annotations are compared with the
 * first service's stored ones.
 */
export async function diffWithRevisions(
  platform: Platform,
  envName: string,
  selected: readonly string[] | undefined,
  revision: RevisionChoice,
  options: ClientOptions & { tag?: string },
): Promise<RevisionDiff> {
  const environment = findEnvironment(platform, envName).name;
  const services = selected ?? Object.keys(platform.services).sort();
  const { stored, skipped } = await fetchStored(options, environment, services, revision);
  const compared = stored.map((s) => s.service);
  const tags = Object.fromEntries(stored.map((s) => [s.service, options.tag ?? s.tag]));
  const rendering = renderEnvironment(platform, environment, { services: compared, tags });
  const now = rendering.files.filter((f) => inScope(f.path, diffScope(rendering, true)));
  const annotations = `overlays/${environment}/annotations.yaml`;
  const before = [...stored.flatMap(serviceFiles), ...(stored[0]?.files.filter((f) => f.path === annotations) ?? [])];
  return {
    environment,
    against: revision === "running" ? "the running revisions" : `revision ${revision} of ${services[0]}`,
    revisions: stored.map((s) => ({ service: s.service, revision: s.revision, tag: s.tag })),
    skipped,
    changes: stored.length === 0 ? [] : diffTrees(before, now),
    warnings: rendering.warnings,
  };
}
