import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money, MoneyError, getAsset } from './money.ts';

describe('Money', () => {
  it('parses what people type, strictly', () => {
    expect(Money.parse('2000', 'KZT').amount).toBe(200000n);
    expect(Money.parse('2 000,5', 'KZT').amount).toBe(200050n);
    expect(Money.parse('0.000001', 'USDT').amount).toBe(1n);
    expect(Money.parse('-1.25', 'KZT').amount).toBe(-125n);
    for (const bad of ['', 'abc', '1.234', '1e3', '1.2.3', '--1', '0x10']) {
      expect(() => Money.parse(bad, 'KZT'), bad).toThrow(MoneyError);
    }
    expect(() => Money.parse('1', 'DOGE')).toThrow(/Unknown asset/);
  });

  it('round-trips decimal strings for any size', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.constantFrom('KZT', 'USDT', 'TON'),
        (amount, asset) => {
          const money = Money.of(amount, asset);
          expect(Money.parse(money.toDecimalString(), asset).amount).toBe(amount);
        },
      ),
    );
  });

  it('carries minor units as strings in JSON', () => {
    expect(JSON.stringify(Money.fromMinor('200000', 'KZT'))).toBe('{"amount":"200000","asset":"KZT"}');
    expect(() => Money.fromMinor('12.5', 'KZT')).toThrow(MoneyError);
    expect(() => Money.fromMinor('007', 'KZT')).toThrow(MoneyError);
  });

  it('formats per locale without losing precision', () => {
    const dues = Money.parse('2000', 'KZT');
    expect(dues.format('ru').replace(/\s/g, ' ')).toBe('2 000,00 ₸');
    expect(dues.format('en')).toBe('₸2,000.00');
    expect(dues.format('kk').replace(/\s/g, ' ')).toMatch(/2 000,00/);
    expect(Money.parse('12345678901234.123456', 'USDT').format('en')).toBe('12,345,678,901,234.123456 USDT');
    expect(Money.parse('1.5', 'TON').format('en', { trimZeros: true })).toBe('1.5 TON');
  });

  it('does arithmetic only within one asset', () => {
    const a = Money.parse('10', 'KZT');
    expect(a.add(Money.parse('0.5', 'KZT')).amount).toBe(1050n);
    expect(a.subtract(a).isZero()).toBe(true);
    expect(a.compare(Money.parse('9.99', 'KZT'))).toBe(1);
    expect(a.equals(Money.parse('10.00', 'KZT'))).toBe(true);
    expect(() => a.add(Money.parse('1', 'USDT'))).toThrow(/Cannot combine/);
  });

  it('applies rates with half-away-from-zero rounding', () => {
    expect(Money.of(1001n, 'KZT').multiplyRatio(35n, 1000n).amount).toBe(35n); // 35.035
    expect(Money.of(1000n, 'KZT').multiplyRatio(1n, 8n).amount).toBe(125n);
    expect(Money.of(5n, 'KZT').multiplyRatio(1n, 2n).amount).toBe(3n); // 2.5 → 3
    expect(Money.of(-5n, 'KZT').multiplyRatio(1n, 2n).amount).toBe(-3n);
    expect(() => Money.of(5n, 'KZT').multiplyRatio(1n, 0n)).toThrow(MoneyError);
  });

  it('knows the built-in assets', () => {
    expect(getAsset('TON').decimals).toBe(9);
  });
});
