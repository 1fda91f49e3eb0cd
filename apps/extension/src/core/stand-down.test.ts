import { describe, expect, it } from 'vitest';
import { standDownReason } from './stand-down.ts';

describe('stand-down when another affiliate brought the user', () => {
  it('recognises affiliate click parameters', () => {
    expect(standDownReason('https://shop.kz/?admitad_uid=abc')).toBe('affiliate-parameter');
    expect(standDownReason('https://shop.kz/p?x=1&AFF_ID=9')).toBe('affiliate-parameter');
  });

  it('recognises affiliate utm markers but not ordinary campaigns', () => {
    expect(standDownReason('https://shop.kz/?utm_source=admitad&utm_medium=cpa')).toBe('affiliate-utm');
    expect(standDownReason('https://shop.kz/?utm_medium=Affiliate')).toBe('affiliate-utm');
    expect(standDownReason('https://shop.kz/?utm_source=google&utm_medium=cpc')).toBeUndefined();
    expect(standDownReason('https://shop.kz/?utm_source=newsletter')).toBeUndefined();
  });

  it('recognises a link carried through an affiliate redirect domain', () => {
    expect(standDownReason('https://shop.kz/?from=https%3A%2F%2Fad.admitad.com%2Fg%2F1')).toBe(
      'affiliate-redirect',
    );
  });

  it('does not treat ad click ids as affiliate', () => {
    expect(standDownReason('https://shop.kz/?gclid=1&fbclid=2&yclid=3')).toBeUndefined();
    expect(standDownReason('https://shop.kz/')).toBeUndefined();
    expect(standDownReason(undefined)).toBeUndefined();
    expect(standDownReason('::')).toBeUndefined();
  });
});
