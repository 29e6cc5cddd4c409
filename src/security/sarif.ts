/**
 * SARIF 2.1.0 (OASIS), as scanners write it for code scanning (`trivy image --format sarif`,
 * Snyk, Grype, …). A result's severity is read, first found wins, from:
 * 1. `properties["security-severity"]` of the result, then of its rule (a CVSS score, as GitHub reads
 *    it: ≥ 9.0 CRITICAL, ≥ 7.0 HIGH, ≥ 4.0 MEDIUM, > 0 LOW, else UNKNOWN);
 * 2. a severity word among the rule's `properties.tags` (Trivy tags its rules CRITICAL, HIGH, …);
 * 3. the result's `level`, else its rule's `defaultConfiguration.level`, else SARIF's default
 *    `warning`: error HIGH, warning MEDIUM, note LOW, none UNKNOWN.
 */
import { SEVERITIES } from "./findings.js";
import type { Hit, Severity } from "./findings.js";
import { arrayAt, below, idAt, isObject, objectAt, optionalArray, optionalString, refuse, stringAt } from "./walk.js";
import type { JsonObject } from "./walk.js";

const LEVELS = { error: "HIGH", warning: "MEDIUM", note: "LOW", none: "UNKNOWN" } as const satisfies Record<
  string,
  Severity
>;
type Level = keyof typeof LEVELS;

/** Whether the document says it is SARIF (any version: a wrong one is refused by name). */
export function looksLikeSarif(doc: JsonObject): boolean {
  return "runs" in doc && ("version" in doc || "$schema" in doc);
}

function levelAt(value: unknown, path: string): Level | undefined {
  if (value === undefined || value === null) return undefined;
  const text = stringAt(value, path);
  if (text in LEVELS) return text as Level;
  throw refuse(path, `"${text}" is not a SARIF level (${Object.keys(LEVELS).join(", ")})`);
}

function scoreSeverity(value: unknown, path: string): Severity | undefined {
  if (value === undefined || value === null) return undefined;
  const score = typeof value === "number" ? value : Number(stringAt(value, path));
  if (!Number.isFinite(score) || score < 0 || score > 10)
    throw refuse(path, `${JSON.stringify(value)} is not a security-severity score (0.0 to 10.0)`);
  if (score >= 9) return "CRITICAL";
  if (score >= 7) return "HIGH";
  if (score >= 4) return "MEDIUM";
  return score > 0 ? "LOW" : "UNKNOWN";
}

interface Rule {
  id: string;
  title: string;
  score: Severity | undefined;
  tagged: Severity | undefined;
  level: Level | undefined;
}

function propertiesOf(owner: JsonObject, path: string): { props: JsonObject; path: string } {
  const at = below(path, "properties");
  return { props: owner.properties === undefined ? {} : objectAt(owner.properties, at), path: at };
}

function textOf(owner: JsonObject, key: string, path: string): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  return optionalString(objectAt(value, below(path, key)).text, below(below(path, key), "text"));
}

function ruleAt(raw: unknown, path: string): Rule {
  const rule = objectAt(raw, path);
  const { props, path: propsPath } = propertiesOf(rule, path);
  const tags = optionalArray(props.tags, below(propsPath, "tags"));
  const tagged = SEVERITIES.find((s) => tags.some((t) => typeof t === "string" && t.toUpperCase() === s));
  const config = rule.defaultConfiguration;
  const configPath = below(path, "defaultConfiguration");
  return {
    id: idAt(rule.id, below(path, "id")),
    title: textOf(rule, "shortDescription", path) ?? textOf(rule, "fullDescription", path) ?? "",
    score: scoreSeverity(props["security-severity"], below(propsPath, "security-severity")),
    tagged,
    level: config === undefined ? undefined : levelAt(objectAt(config, configPath).level, below(configPath, "level")),
  };
}

function locationOf(result: JsonObject, path: string): string | undefined {
  const locations = optionalArray(result.locations, below(path, "locations"));
  const first = locations[0];
  if (!isObject(first) || !isObject(first.physicalLocation)) return undefined;
  const physical = first.physicalLocation;
  const uri = isObject(physical.artifactLocation) ? physical.artifactLocation.uri : undefined;
  if (typeof uri !== "string") return undefined;
  const line = isObject(physical.region) ? physical.region.startLine : undefined;
  return typeof line === "number" ? `${uri}:${line}` : uri;
}

function ruleOf(result: JsonObject, rules: readonly Rule[], path: string): { id: string; rule: Rule | undefined } {
  const index = result.ruleIndex ?? (isObject(result.rule) ? result.rule.index : undefined);
  const byIndex = typeof index === "number" ? rules[index] : undefined;
  if (typeof index === "number" && !byIndex)
    throw refuse(below(path, "ruleIndex"), `${index} names no rule (the driver has ${rules.length})`);
  const named = result.ruleId ?? (isObject(result.rule) ? result.rule.id : undefined) ?? byIndex?.id;
  if (named === undefined)
    throw refuse(path, "names no rule (ruleId, rule.id or ruleIndex): every finding needs an id");
  const id = idAt(named, below(path, "ruleId"));
  return { id, rule: byIndex ?? rules.find((r) => r.id === id) };
}

function resultHit(raw: unknown, rules: readonly Rule[], path: string): Hit {
  const result = objectAt(raw, path);
  const { id, rule } = ruleOf(result, rules, path);
  const { props, path: propsPath } = propertiesOf(result, path);
  const level = levelAt(result.level, below(path, "level")) ?? rule?.level ?? "warning";
  const severity =
    scoreSeverity(props["security-severity"], below(propsPath, "security-severity")) ??
    rule?.score ??
    rule?.tagged ??
    LEVELS[level];
  const message = textOf(result, "message", path);
  return { id, severity, title: rule?.title || message || "", location: locationOf(result, path) };
}

/** The tool names and every finding of a SARIF 2.1.0 log. */
export function sarifHits(doc: JsonObject): { tools: string[]; hits: Hit[] } {
  if (doc.version !== "2.1.0") throw refuse("version", `is ${JSON.stringify(doc.version)}: quikship reads SARIF 2.1.0`);
  const tools: string[] = [];
  const hits = arrayAt(doc.runs, "runs").flatMap((raw, r) => {
    const path = below("runs", r);
    const run = objectAt(raw, path);
    const driverPath = below(below(path, "tool"), "driver");
    const driver = objectAt(objectAt(run.tool, below(path, "tool")).driver, driverPath);
    tools.push(stringAt(driver.name, below(driverPath, "name")));
    const rules = optionalArray(driver.rules, below(driverPath, "rules")).map((rule, i) =>
      ruleAt(rule, below(below(driverPath, "rules"), i)),
    );
    return optionalArray(run.results, below(path, "results")).map((result, i) =>
      resultHit(result, rules, below(below(path, "results"), i)),
    );
  });
  return { tools: [...new Set(tools)], hits };
}
