/** `quikship artifacts show` and `quikship registry prune`: thin over GET /v1/artifacts/:service and POST /v1/registry/prune. */
import type { ArtifactView, PruneView } from "../../api/artifact-schemas.js";
import { UsageError } from "../../errors.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, shortDigest, table } from "../output.js";

/** SERVICE, SERVICE:TAG or SERVICE@DIGEST. */
export function parseArtifact(argument: string): { service: string; reference: string | undefined } {
  const at = argument.indexOf("@");
  const colon = argument.indexOf(":");
  const cut = at >= 0 ? at : colon;
  if (cut === 0 || cut === argument.length - 1)
    throw new UsageError(`${argument}: give SERVICE, SERVICE:TAG or SERVICE@sha256:DIGEST`);
  return cut < 0
    ? { service: argument, reference: undefined }
    : { service: argument.slice(0, cut), reference: argument.slice(cut + 1) };
}

export function artifactText(a: ArtifactView): string {
  const lines = [
    `${a.image}@${a.digest}`,
    `tags      ${a.tags.join(", ") || "-"}`,
    `created   ${a.created ?? "-"}${a.platform ? ` (${a.platform})` : ""}`,
  ];
  for (const [k, v] of Object.entries(a.labels)) lines.push(`label     ${k}=${v}`);
  lines.push("", "runs");
  if (a.runs.length === 0) lines.push("  nowhere");
  else
    lines.push(
      ...table(
        ["ENVIRONMENT", "REV", "TAG", "STATUS", "ACTIVATED"],
        a.runs.map((r) => [r.environment, r.revision, r.tag, r.status, timeText(r.activatedAt)]),
      )
        .split("\n")
        .map((l) => `  ${l}`),
    );
  lines.push("", "signatures");
  if (a.signatures.length === 0) lines.push("  none");
  for (const s of a.signatures)
    lines.push(s.status === "verified" ? `  verified: key ${s.keyId} (${s.keySource})` : `  untrusted: ${s.reason}`);
  lines.push("", "provenance");
  if (a.provenance.length === 0) lines.push("  none");
  for (const p of a.provenance)
    lines.push(
      `  ${p.predicateType}: builder ${p.builderId ?? "-"}, commit ${p.commit ?? "-"}, ${p.verifiedBy ? `signed by key ${p.verifiedBy}` : "not signed by a trusted key"}`,
    );
  lines.push("", "scan");
  if (!a.scan) lines.push("  no report");
  else {
    const counts = Object.entries(a.scan.counts).map(([s, n]) => `${s} ${n}`);
    lines.push(
      `  ${a.scan.tool} (${a.scan.format}), ${timeText(a.scan.receivedAt)}: ${counts.join(", ") || "no findings"}`,
    );
  }
  return lines.join("\n");
}

export async function artifactsShow(argument: string, options: ClientOptions): Promise<number> {
  const { service, reference } = parseArtifact(argument);
  const view = await clientFor(options).get<ArtifactView>(`/v1/artifacts/${encodeURIComponent(service)}`, {
    reference,
  });
  emit(options, view, artifactText);
  return 0;
}

export function pruneText(p: PruneView): string {
  const kept = p.kept.map((t) => [t.tag, shortDigest(t.digest), "keep", t.reasons.join("; ")]);
  const gone = p.deleted.map((t) => [t.tag, shortDigest(t.digest), p.dryRun ? "would delete" : "deleted", "-"]);
  return [table(["TAG", "DIGEST", "ACTION", "WHY KEPT"], [...kept, ...gone]), p.message].join("\n");
}

export interface PruneOptions extends ClientOptions {
  keep?: string;
  dryRun?: boolean;
}

export async function registryPrune(service: string, options: PruneOptions): Promise<number> {
  const keep = options.keep === undefined ? undefined : Number(options.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 0))
    throw new UsageError(`--keep ${options.keep}: give a whole number, 0 or more`);
  const view = await clientFor(options).post<PruneView>("/v1/registry/prune", {
    service,
    ...(keep !== undefined ? { keep } : {}),
    dryRun: options.dryRun === true,
  });
  emit(options, view, pruneText);
  return 0;
}
