import { fromString, typeid } from 'typeid-js';

/**
 * Prefixed, time-ordered identifiers (TypeID: prefix + UUIDv7 in Crockford base32), so a log
 * line says what an id is and ids sort by creation time in indexes.
 */
export function newId<P extends string>(prefix: P): `${P}_${string}` {
  return typeid(prefix).toString() as `${P}_${string}`;
}

/** True when `value` is a well-formed id with the given prefix. */
export function isId(value: unknown, prefix: string): boolean {
  if (typeof value !== 'string' || !value.startsWith(`${prefix}_`)) return false;
  try {
    fromString(value, prefix);
    return true;
  } catch {
    return false;
  }
}
