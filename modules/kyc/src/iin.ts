import { almatyDate } from '@sauda/platform';

/**
 * The individual identification number (ИИН / ЖСН) of Kazakhstan: 12 digits, `YYMMDD` birth date,
 * a century-and-sex digit, a 4-digit serial and a check digit.
 */
export const IIN_INVALID_REASONS = ['length', 'non-digit', 'date', 'century', 'check-digit'] as const;
export type IinInvalidReason = (typeof IIN_INVALID_REASONS)[number];

export type Sex = 'male' | 'female';

export type IinCheck =
  | { readonly valid: true; readonly birthDate: string; readonly sex: Sex }
  | { readonly valid: false; readonly reason: IinInvalidReason };

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The check digit of the first 11 digits (shared by IIN and BIN): weights 1..11 mod 11; a result
 * of 10 takes the second weight set; 10 again means no digit fits and the number cannot exist.
 */
export function controlDigit(digits: readonly number[]): number | undefined {
  const weighted = (weights: readonly number[]): number =>
    weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? undefined : second;
}

/** `YYYY-MM-DD` when the date exists in the proleptic Gregorian calendar, else undefined. */
export function existingDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The digits of a string already known to hold ASCII digits only. */
export const digitsOf = (value: string): number[] => value.split('').map(Number);

const CENTURY_BY_DIGIT: Readonly<Record<number, number>> = {
  1: 1800,
  2: 1800,
  3: 1900,
  4: 1900,
  5: 2000,
  6: 2000,
};

/**
 * Checks an IIN exactly as given: no trimming, so a stray space is reported rather than silently
 * accepted. With `asOf`, a birth date after that day (in Almaty) is an impossible date too.
 */
export function checkIin(value: string, asOf?: Date): IinCheck {
  if (!/^\d*$/.test(value)) return { valid: false, reason: 'non-digit' };
  if (value.length !== 12) return { valid: false, reason: 'length' };
  const digits = digitsOf(value);
  const centuryDigit = digits[6] ?? 0;
  const century = CENTURY_BY_DIGIT[centuryDigit];
  if (century === undefined) return { valid: false, reason: 'century' };
  const birthDate = existingDate(
    century + Number(value.slice(0, 2)),
    Number(value.slice(2, 4)),
    Number(value.slice(4, 6)),
  );
  if (!birthDate || (asOf && birthDate > almatyDate(asOf))) return { valid: false, reason: 'date' };
  if (controlDigit(digits) !== digits[11]) return { valid: false, reason: 'check-digit' };
  return { valid: true, birthDate, sex: centuryDigit % 2 === 1 ? 'male' : 'female' };
}

/** What may be shown and logged instead of an IIN: the birth date part, the rest hidden. */
export function maskIin(iin: string): string {
  return `${iin.slice(0, 6)}******`;
}
