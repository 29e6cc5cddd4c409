/**
 * Test double of the Kubernetes API — the pure arithmetic of a Deployment rollout.
 *
 * Follows `apps/v1 RollingUpdateDeployment`: maxSurge is rounded up and maxUnavailable down from
 * percentages of the desired replicas, and when both come to 0, maxUnavailable is 1; and the
 * pod-template-hash label: like the controller's, an FNV-32a hash encoded with the API
 * machinery's "safe" alphabet (no vowels, no look-alike digits) — but of the template's canonical
 * JSON, not of Go's printing of it, so the value differs from a real cluster's for the same template.
 */
import { isObject } from "./fieldset.js";

type Obj = Record<string, unknown>;

function resolve(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const text = typeof value === "string" ? value : "0";
  if (!text.endsWith("%")) return Number(text);
  const exact = (Number(text.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** [maxSurge, maxUnavailable] of a rolling update of `replicas`. */
export function surgeAndUnavailable(strategy: unknown, replicas: number): [number, number] {
  const ru = isObject(strategy) && isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const surge = resolve(ru.maxSurge ?? "25%", replicas, true);
  const unavailable = resolve(ru.maxUnavailable ?? "25%", replicas, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

const SAFE = "bcdfghjklmnpqrstvwxz2456789";

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The `pod-template-hash` of a template (without that label), as a DNS-safe string. */
export function templateHash(template: unknown, collisionCount = 0): string {
  const digits = String(fnv32a(JSON.stringify(canonical(withoutHash(template))) + String(collisionCount)));
  return [...digits].map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join("");
}

export function withoutHash(template: unknown): Obj {
  const t = structuredClone(isObject(template) ? template : {});
  const m = isObject(t.metadata) ? t.metadata : undefined;
  if (m && isObject(m.labels)) {
    const { ["pod-template-hash"]: _h, ...rest } = m.labels;
    m.labels = rest;
  }
  return t;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical(v[k])]),
  );
}
