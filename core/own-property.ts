/**
 * Objects built from keys a flow or a payload controls. `obj[key] = value` with the key
 * `__proto__` sets the object's prototype instead of adding a property, so the value
 * silently vanishes from JSON (and reads through the prototype); a data property is defined
 * for that key instead.
 */

/** Names that cannot be used as node names, vars or mapped field names (issue 12, item 12). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** `target[key] = value`, as an own data property even for `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else target[key] = value;
}
