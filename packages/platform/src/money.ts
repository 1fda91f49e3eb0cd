import type { Locale } from './config.ts';

/**
 * Exact money: integer minor units as bigint plus an asset code. Never a float anywhere; JSON
 * carries amounts as strings ({"amount":"200000","asset":"KZT"}).
 */
export interface Asset {
  readonly code: string;
  readonly decimals: number;
  /** ISO 4217 code when the asset is a fiat currency Intl can format with its symbol. */
  readonly iso4217?: string;
}

const assets = new Map<string, Asset>();

export function registerAsset(asset: Asset): Asset {
  if (!/^[A-Z][A-Z0-9]{1,11}$/.test(asset.code)) throw new Error(`Bad asset code ${asset.code}`);
  if (!Number.isInteger(asset.decimals) || asset.decimals < 0 || asset.decimals > 18) {
    throw new Error(`Bad decimals for ${asset.code}`);
  }
  assets.set(asset.code, Object.freeze({ ...asset }));
  return asset;
}

registerAsset({ code: 'KZT', decimals: 2, iso4217: 'KZT' });
registerAsset({ code: 'USD', decimals: 2, iso4217: 'USD' });
registerAsset({ code: 'USDT', decimals: 6 });
registerAsset({ code: 'TON', decimals: 9 });

export function getAsset(code: string): Asset {
  const asset = assets.get(code);
  if (!asset) throw new MoneyError(`Unknown asset ${code}`);
  return asset;
}

export class MoneyError extends Error {
  override name = 'MoneyError';
}

const INTL_LOCALE: Record<Locale, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-US' };

export class Money {
  readonly amount: bigint;
  readonly asset: string;

  private constructor(amount: bigint, asset: string) {
    this.amount = amount;
    this.asset = asset;
    Object.freeze(this);
  }

  static of(amount: bigint, asset: string): Money {
    getAsset(asset);
    return new Money(amount, asset);
  }

  static zero(asset: string): Money {
    return Money.of(0n, asset);
  }

  /** Parses minor units given as a string of digits, as carried in JSON ("200000" = 2000.00 KZT). */
  static fromMinor(amount: string, asset: string): Money {
    if (!/^-?(0|[1-9]\d*)$/.test(amount)) throw new MoneyError(`"${amount}" is not an amount in minor units`);
    return Money.of(BigInt(amount), asset);
  }

  /**
   * Strict decimal parsing of what a person types ("2000", "2000.5", "2 000,50"): rejects more
   * fraction digits than the asset has instead of rounding silently.
   */
  static parse(text: string, asset: string): Money {
    const { decimals } = getAsset(asset);
    const normalized = text
      .trim()
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.');
    const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(normalized);
    if (!match) throw new MoneyError(`"${text}" is not a decimal amount`);
    const [, sign, whole = '0', fraction = ''] = match;
    if (fraction.length > decimals) {
      throw new MoneyError(`"${text}" has more than ${decimals} fraction digits for ${asset}`);
    }
    const minor = BigInt(whole + fraction.padEnd(decimals, '0'));
    return Money.of(sign ? -minor : minor, asset);
  }

  /** The exact decimal string ("2000.50"), for display math and CSV. */
  toDecimalString(): string {
    const { decimals } = getAsset(this.asset);
    const negative = this.amount < 0n;
    const digits = (negative ? -this.amount : this.amount).toString().padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  /** Human formatting per locale; fiat gets its symbol, crypto assets their code. Exact for any size. */
  format(locale: Locale, options: { trimZeros?: boolean } = {}): string {
    const asset = getAsset(this.asset);
    const minimumFractionDigits = options.trimZeros
      ? 0
      : Math.min(asset.decimals, asset.iso4217 ? 2 : asset.decimals);
    const common = { minimumFractionDigits, maximumFractionDigits: asset.decimals } as const;
    const decimal = this.toDecimalString() as `${number}`;
    if (asset.iso4217) {
      return new Intl.NumberFormat(INTL_LOCALE[locale], {
        ...common,
        style: 'currency',
        currency: asset.iso4217,
        currencyDisplay: 'narrowSymbol',
      }).format(decimal);
    }
    return `${new Intl.NumberFormat(INTL_LOCALE[locale], common).format(decimal)} ${asset.code}`;
  }

  toJSON(): { amount: string; asset: string } {
    return { amount: this.amount.toString(), asset: this.asset };
  }

  add(other: Money): Money {
    this.assertSameAsset(other);
    return new Money(this.amount + other.amount, this.asset);
  }

  subtract(other: Money): Money {
    this.assertSameAsset(other);
    return new Money(this.amount - other.amount, this.asset);
  }

  /** Multiplies by a rational rate (e.g. 35/1000 for 3.5 %), rounding half away from zero. */
  multiplyRatio(numerator: bigint, denominator: bigint): Money {
    if (denominator <= 0n) throw new MoneyError('Denominator must be positive');
    const product = this.amount * numerator;
    const quotient = product / denominator;
    const remainder = product % denominator;
    const roundAway = (remainder < 0n ? -remainder : remainder) * 2n >= denominator;
    return new Money(roundAway ? quotient + (product < 0n ? -1n : 1n) : quotient, this.asset);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameAsset(other);
    return this.amount < other.amount ? -1 : this.amount > other.amount ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.asset === other.asset && this.amount === other.amount;
  }

  isZero(): boolean {
    return this.amount === 0n;
  }

  private assertSameAsset(other: Money): void {
    if (other.asset !== this.asset) throw new MoneyError(`Cannot combine ${this.asset} with ${other.asset}`);
  }
}
