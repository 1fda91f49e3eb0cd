/**
 * RFC 8785 canonical JSON for the values the ledger hashes (strings, safe integers, booleans, null,
 * arrays and objects of them): keys sorted by UTF-16 code units, no whitespace, strings as
 * JSON.stringify writes them. Written out rather than taken from a library because it runs for every
 * transfer on the write path; a test checks it against the canonicalize package.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`ledger hashes only safe integers, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  throw new TypeError(`ledger cannot hash a ${typeof value}`);
}
