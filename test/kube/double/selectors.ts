/**
 * Test double of the Kubernetes API — label and field selectors.
 *
 * API reference: "Labels and Selectors" (equality-based `a=b`, `a==b`, `a!=b`; set-based
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`; comma means AND) and "Field Selectors" (equality on
 * `metadata.name`, `metadata.namespace` and a few status fields; the double accepts any dotted path).
 */
import { badRequest } from "./status.js";
import { isObject } from "./fieldset.js";

type Obj = Record<string, unknown>;
type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas outside parentheses. */
function clauses(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function requirement(clause: string): Requirement {
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(clause);
  if (set) {
    const [, key = "", op, list = ""] = set;
    const values = list.split(",").map((v) => v.trim());
    return (l) =>
      op === "in" ? key in l && values.includes(l[key] ?? "") : !(key in l && values.includes(l[key] ?? ""));
  }
  const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(clause);
  if (eq) {
    const [, key = "", op, value = ""] = eq;
    return op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (/^![\w./-]+$/.test(clause)) return (l) => !(clause.slice(1) in l);
  if (/^[\w./-]+$/.test(clause)) return (l) => clause in l;
  throw badRequest(`unable to parse requirement: ${JSON.stringify(clause)}`);
}

export function labelSelector(selector: string | null): (obj: Obj) => boolean {
  if (!selector) return () => true;
  const reqs = clauses(selector).map(requirement);
  return (obj) => {
    const meta = isObject(obj.metadata) ? obj.metadata : {};
    const labels = (isObject(meta.labels) ? meta.labels : {}) as Record<string, string>;
    return reqs.every((r) => r(labels));
  };
}

export function fieldSelector(selector: string | null): (obj: Obj) => boolean {
  if (!selector) return () => true;
  const reqs = clauses(selector).map((clause) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(clause);
    if (!m) throw badRequest(`invalid field selector: ${JSON.stringify(clause)}`);
    const [, path = "", op, value = ""] = m;
    return (obj: Obj) => {
      const v = dig(obj, path.split("."));
      const text = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
      return (text === value) === (op !== "!=");
    };
  });
  return (obj) => reqs.every((r) => r(obj));
}

function dig(obj: unknown, path: string[]): unknown {
  let node = obj;
  for (const p of path) node = isObject(node) ? node[p] : undefined;
  return node;
}

/** A LabelSelector object (`matchLabels`, `matchExpressions`) as a predicate over labels. */
export function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  const ml = isObject(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as Obj[]) : [];
  return exprs.every((e) => {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? (e.values as string[]) : [];
    if (e.operator === "In") return values.includes(labels[key] ?? "\0");
    if (e.operator === "NotIn") return !values.includes(labels[key] ?? "\0");
    if (e.operator === "Exists") return key in labels;
    return !(key in labels);
  });
}
