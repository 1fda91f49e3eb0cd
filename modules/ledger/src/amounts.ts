import { AppError, getAsset, Money, MoneyError } from '@sauda/platform';
import { LedgerErrors } from './ledger.errors.ts';

/**
 * One transfer moves at most 10^30 - 1 minor units: 10^12 whole units of an 18-decimal token or
 * 10^28 tenge, far beyond any real payment, so anything larger is a bug upstream. The limit leaves
 * 10^8 maximal transfers of headroom under MAX_TOTAL before an account's totals could overflow.
 */
export const MAX_AMOUNT = 10n ** 30n - 1n;

/** The largest value numeric(39,0) holds: account totals may not pass it. */
export const MAX_TOTAL = 10n ** 39n - 1n;

const MINOR_UNITS = /^[1-9]\d{0,38}$/;

/**
 * Accepts a bigint or the JSON form of minor units ("200000"); anything else (numbers, which may
 * already have lost precision, fractions, signs, exponents) is refused rather than guessed at.
 */
export function toMinorUnits(value: unknown): bigint {
  let amount: bigint | undefined;
  if (typeof value === 'bigint') amount = value;
  else if (typeof value === 'string' && MINOR_UNITS.test(value)) amount = BigInt(value);
  if (amount === undefined || amount <= 0n) {
    throw new AppError(LedgerErrors.LEDGER_AMOUNT_INVALID, { params: { amount: describe(value) } });
  }
  if (amount > MAX_AMOUNT) {
    throw new AppError(LedgerErrors.LEDGER_AMOUNT_TOO_LARGE, {
      params: { amount: amount.toString(), max: MAX_AMOUNT.toString() },
    });
  }
  return amount;
}

/**
 * Converts what a person typed ("2000.50") into minor units of the asset, refusing more fraction
 * digits than the asset has instead of rounding them away.
 */
export function parseAmount(text: string, asset: string): bigint {
  const { decimals } = getAsset(asset);
  let money: Money;
  try {
    money = Money.parse(text, asset);
  } catch (error) {
    if (error instanceof MoneyError && error.message.includes('fraction digits')) {
      throw new AppError(LedgerErrors.LEDGER_AMOUNT_PRECISION, { params: { amount: text, asset, decimals } });
    }
    throw new AppError(LedgerErrors.LEDGER_AMOUNT_INVALID, { params: { amount: text }, cause: error });
  }
  return toMinorUnits(money.amount);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 60));
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return value === null ? 'null' : typeof value;
}
