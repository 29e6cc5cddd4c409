/**
 * Narrowing a union discriminated by `kind`: `isKind(step, "approval", "window")` is true, and
 * narrows `step` to those members, when its kind is one of the kinds named. Where each kind is
 * handled differently, a `switch` on the kind reads better.
 */
// `const K`: the kinds named stay literal types, so they narrow (and a kind the union lacks is refused).
export function isKind<T extends { readonly kind?: unknown }, const K extends T["kind"]>(
  value: T | null | undefined,
  ...kinds: readonly K[]
): value is T & { readonly kind: K } {
  if (value === null || value === undefined) return false;
  const actual = value.kind;
  return kinds.some((wanted) => wanted === actual);
}
