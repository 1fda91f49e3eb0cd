/** Digits after the point in a currency (2 for KZT: tiyn), as the API's minor units count them. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * "2 500" or "2500,50" typed by a person → minor units as the API takes them ("250000", "250050");
 * null for anything that is not a positive amount with at most the currency's digits.
 */
export function toMinorUnits(typed: string, currency: string): string | null {
  const compact = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(compact);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = BigInt(`${match[1] ?? '0'}${fraction.padEnd(digits, '0')}`);
  return minor > 0n ? minor.toString() : null;
}

/** Reminder days typed as "-3, 0, 1" (a typographic minus too) → numbers; null when one is not a whole number. */
export function parseOffsets(typed: string): number[] | null {
  const parts = typed
    .replace(/\u2212/g, '-')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (!parts.every((part) => /^[-+]?\d{1,2}$/.test(part))) return null;
  return parts.map(Number);
}
