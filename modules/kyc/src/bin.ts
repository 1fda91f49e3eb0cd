import { controlDigit, digitsOf } from './iin.ts';

/**
 * The business identification number (БИН / БСН) of a legal entity: `YYMM` of registration, an
 * entity-type digit, a division digit, a 5-digit serial and the same check digit as an IIN.
 * For B2B features (partner onboarding); KYC itself deals with IINs.
 */
export const BIN_INVALID_REASONS = [
  'length',
  'non-digit',
  'date',
  'type',
  'division',
  'check-digit',
] as const;
export type BinInvalidReason = (typeof BIN_INVALID_REASONS)[number];

const ENTITY_TYPES = {
  4: 'resident-legal-entity',
  5: 'non-resident-legal-entity',
  6: 'joint-entrepreneurship',
} as const;
export type BinEntityType = (typeof ENTITY_TYPES)[keyof typeof ENTITY_TYPES];

const DIVISIONS = {
  0: 'head-office',
  1: 'branch',
  2: 'representative-office',
  3: 'peasant-farm',
} as const;
export type BinDivision = (typeof DIVISIONS)[keyof typeof DIVISIONS];

export type BinCheck =
  | {
      readonly valid: true;
      /** `YY-MM` as printed: the century of a registration is not encoded. */
      readonly registered: string;
      readonly entityType: BinEntityType;
      readonly division: BinDivision;
    }
  | { readonly valid: false; readonly reason: BinInvalidReason };

export function checkBin(value: string): BinCheck {
  if (!/^\d*$/.test(value)) return { valid: false, reason: 'non-digit' };
  if (value.length !== 12) return { valid: false, reason: 'length' };
  const digits = digitsOf(value);
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return { valid: false, reason: 'date' };
  const entityType = (ENTITY_TYPES as Readonly<Record<number, BinEntityType>>)[digits[4] ?? -1];
  if (!entityType) return { valid: false, reason: 'type' };
  const division = (DIVISIONS as Readonly<Record<number, BinDivision>>)[digits[5] ?? -1];
  if (!division) return { valid: false, reason: 'division' };
  if (controlDigit(digits) !== digits[11]) return { valid: false, reason: 'check-digit' };
  return { valid: true, registered: `${value.slice(0, 2)}-${value.slice(2, 4)}`, entityType, division };
}
