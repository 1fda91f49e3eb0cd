/**
 * The arithmetic of rewards, exact on bigint: decimals (shares, prices) are read as fractions, never
 * as floats. Loyalty rewards round down to the asset's minor unit (the remainder stays with the
 * platform); a CPA split rounds the fee and the tax and gives the influencer exactly the rest.
 */

export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DECIMAL = /^(0|[1-9]\d{0,17})(?:\.(\d{1,12}))?$/;

/** A non-negative decimal string ("505.12", "0.7") as a fraction; undefined when it is not one. */
export function parseDecimal(text: string): Fraction | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/** Shortest form of a decimal string read back from PostgreSQL ("505.120000" → "505.12"). */
export function canonicalDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function mustParse(text: string, what: string): Fraction {
  const parsed = parseDecimal(text);
  if (!parsed) throw new RangeError(`${what} "${text}" is not a decimal`);
  return parsed;
}

export interface LoyaltyRewardInput {
  /** Commission in minor units of the commission currency. */
  readonly commission: bigint;
  readonly currencyDecimals: number;
  /** The partner's user share, 0 to 1. */
  readonly userShare: string;
  /** How many units of the commission currency one unit of the reward asset costs. */
  readonly price: string;
  readonly assetDecimals: number;
}

/** commission × share ÷ price, in minor units of the reward asset, rounded down. */
export function loyaltyReward(input: LoyaltyRewardInput): bigint {
  const share = mustParse(input.userShare, 'user share');
  const price = mustParse(input.price, 'price');
  if (price.numerator === 0n) throw new RangeError('price must be positive');
  const numerator =
    input.commission * share.numerator * price.denominator * 10n ** BigInt(input.assetDecimals);
  const denominator = share.denominator * price.numerator * 10n ** BigInt(input.currencyDecimals);
  return numerator / denominator;
}

/** The user's share of the commission in minor units of its currency, rounded down. */
export function userPartOfCommission(commission: bigint, userShare: string): bigint {
  const share = mustParse(userShare, 'user share');
  return (commission * share.numerator) / share.denominator;
}

/** An amount of the reward asset in minor units of another currency at `price`, rounded down. */
export function valueAt(
  amount: bigint,
  assetDecimals: number,
  price: string,
  currencyDecimals: number,
): bigint {
  const fraction = mustParse(price, 'price');
  return (
    (amount * fraction.numerator * 10n ** BigInt(currencyDecimals)) /
    (fraction.denominator * 10n ** BigInt(assetDecimals))
  );
}

export interface CpaSplit {
  readonly gross: bigint;
  readonly fee: bigint;
  readonly tax: bigint;
  readonly net: bigint;
}

const BASIS = 10_000n;

/** `amount × basisPoints / 10 000`, half away from zero (amounts here are never negative). */
function percentOf(amount: bigint, basisPoints: number): bigint {
  const product = amount * BigInt(basisPoints);
  const quotient = product / BASIS;
  return (product % BASIS) * 2n >= BASIS ? quotient + 1n : quotient;
}

/**
 * gross → platform fee (of the gross) + tax withheld (of what is left after the fee) + net (the rest),
 * so fee + tax + net is always exactly the gross.
 */
export function cpaSplit(gross: bigint, feeBasisPoints: number, taxBasisPoints: number): CpaSplit {
  if (gross < 0n) throw new RangeError('gross must not be negative');
  const fee = percentOf(gross, feeBasisPoints);
  const tax = percentOf(gross - fee, taxBasisPoints);
  return { gross, fee, tax, net: gross - fee - tax };
}
