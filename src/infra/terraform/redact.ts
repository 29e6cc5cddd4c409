/**
 * Sensitive redaction, pure. Every value terraform marks sensitive is replaced by `(sensitive value)`
 * (terraform's own wording) before a plan, a state or outputs leave the wrapper: in resource changes
 * and drift by their `before_sensitive`/`after_sensitive` masks, in planned values and prior state by
 * `sensitive_values` and the outputs' `sensitive` flag, in `variables` and the configuration by the
 * variables' and outputs' `sensitive` declarations. The strings removed are collected as well, and
 * every remaining string of the document is scrubbed of them (terraform propagates sensitivity, so
 * this should find nothing; it is the second lock on the door), and so can log lines be.
 */
export const REDACTED = "(sensitive value)";

/** Strings shorter than this are redacted where marked, but not searched for elsewhere (a 1-character secret would erase every such letter). */
const MIN_SCRUB_LENGTH = 4;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Collects what redaction removed, so the same values can be scrubbed from anything else. */
export class SecretSet {
  readonly #values = new Set<string>();

  addFrom(value: unknown): void {
    if (typeof value === "string") {
      if (value.length >= MIN_SCRUB_LENGTH) this.#values.add(value);
    } else if (typeof value === "number" && String(value).length >= MIN_SCRUB_LENGTH) this.#values.add(String(value));
    else if (Array.isArray(value)) value.forEach((v) => this.addFrom(v));
    else if (isObj(value)) Object.values(value).forEach((v) => this.addFrom(v));
  }

  get size(): number {
    return this.#values.size;
  }

  /** `text` with every collected value replaced, longest first (so one secret inside another goes whole). */
  scrub(text: string): string {
    let out = text;
    for (const secret of [...this.#values].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A JSON value with every string scrubbed. */
  scrubDeep<T>(value: T): T {
    return scrubValue(value, this) as T;
  }
}

function scrubValue(value: unknown, secrets: SecretSet): unknown {
  if (typeof value === "string") return secrets.scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secrets)]));
  return value;
}

/**
 * `value` with what `mask` marks sensitive replaced. A mask is terraform's shape: `true` for the whole
 * value, an object or array of masks for parts of it, `false` or absent for nothing.
 */
export function redactByMask(value: unknown, mask: unknown, secrets: SecretSet): unknown {
  if (mask === true) {
    if (value === null || value === undefined) return value;
    secrets.addFrom(value);
    return REDACTED;
  }
  if (Array.isArray(mask) && Array.isArray(value)) return value.map((v, i) => redactByMask(v, mask[i], secrets));
  if (isObj(mask) && isObj(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactByMask(v, mask[k], secrets)]));
  return value;
}

/** A resource or output change with before and after redacted by their masks. */
export function redactChange(change: unknown, secrets: SecretSet): unknown {
  if (!isObj(change)) return change;
  return {
    ...change,
    before: redactByMask(change.before, change.before_sensitive, secrets),
    after: redactByMask(change.after, change.after_sensitive, secrets),
  };
}

/** A state's or plan's `values` (outputs and modules of resources) redacted by their own marks. */
export function redactValues(values: unknown, secrets: SecretSet): unknown {
  if (!isObj(values)) return values;
  const out: Obj = { ...values };
  if (isObj(values.outputs)) out.outputs = redactOutputs(values.outputs, secrets);
  if (isObj(values.root_module)) out.root_module = redactModule(values.root_module, secrets);
  return out;
}

function redactModule(module: Obj, secrets: SecretSet): Obj {
  const out: Obj = { ...module };
  if (Array.isArray(module.resources))
    out.resources = (module.resources as unknown[]).map((r) =>
      isObj(r) ? { ...r, values: redactByMask(r.values, r.sensitive_values, secrets) } : r,
    );
  if (Array.isArray(module.child_modules))
    out.child_modules = (module.child_modules as unknown[]).map((m) => (isObj(m) ? redactModule(m, secrets) : m));
  return out;
}

/** Outputs (`terraform output -json`, or a state's `outputs`): a sensitive output's value replaced. */
export function redactOutputs(outputs: Obj, secrets: SecretSet): Obj {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, o]) => {
      if (!isObj(o) || o.sensitive !== true || !("value" in o)) return [name, o];
      secrets.addFrom(o.value);
      return [name, { ...o, value: REDACTED }];
    }),
  );
}
