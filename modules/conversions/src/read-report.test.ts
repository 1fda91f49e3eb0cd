import { describe, expect, it } from 'vitest';
import { isAppError } from '@sauda/platform';
import type { NetworkSettings } from './network-directory.ts';
import { addressList, DEFAULT_STATUS_MAPPING, isAllowedAddress, SPEC_MAPPING } from './network-settings.ts';
import { fieldsOf, parseAmount, parseInstant, readReport, type RawReport } from './read-report.ts';

const network: NetworkSettings = {
  id: 'net_test',
  key: 'test',
  name: 'Test',
  kind: 'sandbox',
  secret: 'secret',
  ipAllowlist: [],
  addresses: addressList([]),
  mapping: SPEC_MAPPING,
  statusMapping: DEFAULT_STATUS_MAPPING,
  defaultCurrency: 'KZT',
  partnerId: null,
  publishableKey: null,
  allowedOrigins: [],
  polling: undefined,
  polledUntil: null,
  active: true,
};

const raw = (body: string, overrides: Partial<RawReport> = {}): RawReport => ({
  source: 'postback',
  method: 'POST',
  query: '',
  body,
  contentType: 'application/json',
  headers: {},
  remoteIp: '203.0.113.1',
  receivedAt: new Date('2026-03-01T12:00:00Z'),
  derivedCommission: null,
  ...overrides,
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('reading a report', () => {
  it('parses decimal amounts exactly, refusing what would have to be rounded or is absurd', () => {
    expect(parseAmount('123.45', 'KZT')).toBe(12345n);
    expect(parseAmount('0', 'KZT')).toBe(0n);
    expect(parseAmount('7', 'USDT')).toBe(7_000_000n);
    expect(parseAmount('12.3400', 'KZT')).toBe(1234n);
    expect(parseAmount(' 00012.5 ', 'KZT')).toBe(1250n);
    for (const bad of ['12.345', '-1', '1e5', 'NaN', '', '1,5', '0x10', '9999999999999', '١٢٣'])
      expect(parseAmount(bad, 'KZT'), bad).toBeUndefined();
    expect(parseAmount('999999999999.99', 'KZT')).toBe(99_999_999_999_999n);
  });

  it('parses ISO 8601, Admitad-style and Unix times', () => {
    expect(parseInstant('2026-03-01T10:00:00Z')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseInstant('2026-03-01 10:00:00')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseInstant('2026-03-01T16:00:00+06:00')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseInstant('2026-03-01T16:00:00+0600')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseInstant('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseInstant('1772359200')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    for (const bad of ['yesterday', '2026-13-01', '2026-02-30T00:00:00Z', '01.03.2026', '12'])
      expect(parseInstant(bad), bad).toBeUndefined();
  });

  it('merges query and body, refuses repeated parameters and nested values', () => {
    expect(
      Object.fromEntries(
        fieldsOf({ query: 'a=1&b=2', body: '{"b":"3","n":4.5,"x":null}', contentType: 'application/json' }),
      ),
    ).toEqual({ a: '1', b: '3', n: '4.5' });
    expect(
      Object.fromEntries(
        fieldsOf({ query: '', body: 'a=1&b=%20x', contentType: 'application/x-www-form-urlencoded' }),
      ),
    ).toEqual({ a: '1', b: ' x' });
    expect(codeOf(() => fieldsOf({ query: 'a=1&a=2', body: '', contentType: null }))).toBe(
      'CONVERSIONS_INVALID_REPORT',
    );
    expect(codeOf(() => fieldsOf({ query: '', body: '{"a":[1]}', contentType: 'application/json' }))).toBe(
      'CONVERSIONS_INVALID_REPORT',
    );
    expect(codeOf(() => fieldsOf({ query: '', body: '"text"', contentType: 'application/json' }))).toBe(
      'CONVERSIONS_MALFORMED_REPORT',
    );
  });

  it('maps a report to our terms and names every missing field', () => {
    const report = readReport(
      raw(
        JSON.stringify({
          action_id: 'A1',
          status: 'Approved_But_Stalled',
          payment_sum: 10,
          currency: 'kzt',
          click_id: 'c',
          action_ip: '::ffff:203.0.113.9',
        }),
      ),
      network,
    );
    expect(report).toMatchObject({
      actionId: 'A1',
      state: 'approved',
      networkStatus: 'approved_but_stalled',
      commission: 1000n,
      currency: 'KZT',
      clickId: 'c',
    });
    expect(report.occurredAt.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    try {
      readReport(raw('{}'), network);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(isAppError(error) && error.errors?.map((problem) => problem.path)).toEqual([
        'action_id',
        'status',
        'payment_sum',
      ]);
    }
  });

  it('checks allow-lists of addresses and blocks', () => {
    const list = addressList(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7']);
    expect(isAllowedAddress(list, '203.0.113.200')).toBe(true);
    expect(isAllowedAddress(list, '::ffff:203.0.113.5')).toBe(true);
    expect(isAllowedAddress(list, '2001:db8:1::1')).toBe(true);
    expect(isAllowedAddress(list, '198.51.100.7')).toBe(true);
    expect(isAllowedAddress(list, '198.51.100.8')).toBe(false);
    expect(isAllowedAddress(list, 'garbage')).toBe(false);
  });
});
