/*
 * YAML for the manifests, deterministically: object keys sorted (Kubernetes gives them no order;
 * arrays keep theirs), block style, no anchors. The values are plain data (objects, arrays,
 * strings, numbers, booleans), so a small emitter does; a string that YAML could read as anything
 * else, or that needs escaping, is written as a JSON string, which YAML reads as the same string.
 */
import { parseYaml } from "./parse.js";
import type { RenderedFile } from "./types.js";

/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const RESERVED = new Set(
  ["y", "yes", "n", "no", "true", "false", "on", "off", "null"].flatMap((w) => [
    w,
    w.toUpperCase(),
    w[0]!.toUpperCase() + w.slice(1),
  ]),
);
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

function scalar(value: string | number | boolean | null): string {
  if (typeof value === "string") return PLAIN.test(value) && !RESERVED.has(value) ? value : JSON.stringify(value);
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`cannot write ${value} as YAML`);
  // String(-0) is "0"; "-0.0" is the spelling both YAML versions read back as negative zero.
  return Object.is(value, -0) ? "-0.0" : String(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function emptyOf(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return "[]";
  if (isObject(value) && Object.keys(value).length === 0) return "{}";
  return undefined;
}

function emitMap(value: Record<string, unknown>, indent: string, out: string[], first?: string): void {
  let prefix = first ?? indent;
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v === undefined) continue;
    emitEntry(`${prefix}${scalar(key)}:`, v, indent, out);
    prefix = indent;
  }
}

function emitEntry(head: string, v: unknown, indent: string, out: string[]): void {
  const empty = emptyOf(v);
  if (empty !== undefined) out.push(`${head} ${empty}`);
  else if (Array.isArray(v)) {
    out.push(head);
    emitList(v, indent, out);
  } else if (isObject(v)) {
    out.push(head);
    emitMap(v, `${indent}  `, out);
  } else out.push(`${head} ${scalar(v as string | number | boolean | null)}`);
}

function emitList(value: readonly unknown[], indent: string, out: string[]): void {
  for (const item of value) {
    if (item === undefined) continue;
    const empty = emptyOf(item);
    if (empty !== undefined) out.push(`${indent}- ${empty}`);
    else if (isObject(item)) emitMap(item, `${indent}  `, out, `${indent}- `);
    else if (Array.isArray(item)) {
      out.push(`${indent}-`);
      emitList(item, `${indent}  `, out);
    } else out.push(`${indent}- ${scalar(item as string | number | boolean | null)}`);
  }
}

/** One YAML document. */
export function toYaml(value: unknown): string {
  const out: string[] = [];
  if (isObject(value) && emptyOf(value) === undefined) emitMap(value, "", out);
  else if (Array.isArray(value) && value.length > 0) emitList(value, "", out);
  else out.push(emptyOf(value) ?? scalar(value as string | number | boolean | null));
  return `${out.join("\n")}\n`;
}

/**
 * A copy of `value` as a YAML parser reads back what `toYaml` wrote: undefined keys and list items
 * left out, everything else the same plain data.
 */
export function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) if (v !== undefined) out.push(plainCopy(v));
    return out;
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v !== undefined) setOwn(out, key, plainCopy(v));
  }
  return out;
}

/** A copy of what `plainCopy` made: it is plain data already, its keys sorted, nothing undefined. */
function copyOfPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOfPlain);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, copyOfPlain(value[key]));
  return out;
}

/** Sets a key as the object's own property, `__proto__` among them, as a YAML reader does. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Several documents in one stream, in the given order. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map(toYaml).join("---\n");
}

/** What each file `yamlFile` made was written from, kept as a YAML parser would read it back. */
const written = new WeakMap<RenderedFile, unknown>();

/** A file of a rendered tree holding `value` as one YAML document. */
export function yamlFile(path: string, value: unknown): RenderedFile {
  const file = { path, content: toYaml(value) };
  written.set(file, plainCopy(value));
  return file;
}

/**
 * The document a file of a rendered tree holds, as plain data of its own: for a file `yamlFile`
 * made, a copy of what it was written from (building a rendering reads its own output without
 * parsing it again); else its text parsed.
 */
export function documentOf(file: RenderedFile): unknown {
  return written.has(file) ? copyOfPlain(written.get(file)) : parseYaml(file.content);
}
