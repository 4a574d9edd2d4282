// Policy and settings change rarely and as a whole object, but applying a change can be
// costly (re-registering content scripts, reconnecting the realtime client), so callers
// apply only the keys that differ (uBlock Origin Lite applies managed policy as a diff).

/** Top-level keys whose values differ between `before` and `after`, compared structurally. */
export function changedKeys<T extends object>(before: T, after: T): (keyof T & string)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(Reflect.get(before, key), Reflect.get(after, key))) as (keyof T & string)[];
}

/** Structural equality for JSON-like values (what storage and policy hold). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return aKeys.length === bKeys.length && aKeys.every((key) => Object.hasOwn(b, key) && sameValue(Reflect.get(a, key), Reflect.get(b, key)));
}
