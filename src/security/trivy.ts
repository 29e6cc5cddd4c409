/**
 * Trivy's JSON report (`trivy image --format json`, SchemaVersion 2): per result (a target: the OS
 * packages, a lock file, …) its Vulnerabilities, Misconfigurations and Secrets, each with a
 * severity of CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN.
 */
import { SEVERITIES } from "./findings.js";
import type { Hit, Severity } from "./findings.js";
import { arrayAt, below, idAt, objectAt, optionalArray, optionalString, refuse, stringAt } from "./walk.js";
import type { JsonObject } from "./walk.js";

/** Whether the document says it is a Trivy report. */
export function looksLikeTrivy(doc: JsonObject): boolean {
  return "SchemaVersion" in doc && ("Results" in doc || "ArtifactName" in doc);
}

function severityAt(value: unknown, path: string): Severity {
  const text = stringAt(value, path);
  const found = SEVERITIES.find((s) => s === text.toUpperCase());
  if (!found) throw refuse(path, `"${text}" is not a Trivy severity (${SEVERITIES.join(", ")})`);
  return found;
}

/** The three kinds of finding of a result: where they are, and which fields name each. */
const KINDS = [
  { list: "Vulnerabilities", id: "VulnerabilityID" },
  { list: "Misconfigurations", id: "ID" },
  { list: "Secrets", id: "RuleID" },
] as const;

function placeOf(target: string, item: JsonObject, path: string): string {
  const pkg = optionalString(item.PkgName, below(path, "PkgName"));
  if (pkg === undefined) return target;
  const installed = optionalString(item.InstalledVersion, below(path, "InstalledVersion"));
  const fixed = optionalString(item.FixedVersion, below(path, "FixedVersion"));
  return `${target}: ${pkg}${installed ? ` ${installed}` : ""}${fixed ? ` (fixed in ${fixed})` : ""}`;
}

function resultHits(result: JsonObject, path: string): Hit[] {
  const target = optionalString(result.Target, below(path, "Target")) ?? "";
  return KINDS.flatMap(({ list, id }) =>
    optionalArray(result[list], below(path, list)).map((raw, i): Hit => {
      const at = below(below(path, list), i);
      const item = objectAt(raw, at);
      return {
        id: idAt(item[id], below(at, id)),
        severity: severityAt(item.Severity, below(at, "Severity")),
        title: optionalString(item.Title, below(at, "Title")) ?? "",
        location: placeOf(target, item, at),
      };
    }),
  );
}

/** Every finding of a Trivy report; a report without Results (a clean image) has none. */
export function trivyHits(doc: JsonObject): Hit[] {
  const version = doc.SchemaVersion;
  if (version !== 2)
    throw refuse("SchemaVersion", `is ${JSON.stringify(version)}: quikship reads Trivy's SchemaVersion 2`);
  if (doc.Results === undefined || doc.Results === null) return [];
  return arrayAt(doc.Results, "Results").flatMap((raw, i) => {
    const path = below("Results", i);
    return resultHits(objectAt(raw, path), path);
  });
}
