import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { transferHash, type TransferRecord } from './transfer-hash.ts';

const wellFormed = fc.string({ unit: 'grapheme', maxLength: 20 });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    wellFormed,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(wellFormed, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,40}$/);
const amount = fc.bigInt({ min: 0n, max: 10n ** 39n - 1n });
const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const record: fc.Arbitrary<TransferRecord> = fc.record({
  id,
  batchId: fc.option(id, { nil: null }),
  kind: fc.constantFrom('posted', 'pending', 'post_pending', 'void_pending', 'expire_pending'),
  debitAccountId: id,
  creditAccountId: id,
  asset: fc.constantFrom('KZT', 'USDT', 'TON'),
  amount,
  pendingId: fc.option(id, { nil: null }),
  pendingAmount: fc.option(amount, { nil: null }),
  timeoutAt: fc.option(instant, { nil: null }),
  reversesId: fc.option(id, { nil: null }),
  code: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/),
  metadata: fc.dictionary(wellFormed, wellFormed, { maxKeys: 5 }),
  createdAt: instant,
  debitPrevId: fc.option(id, { nil: null }),
  creditPrevId: fc.option(id, { nil: null }),
  debitBalance: fc.bigInt({ min: -(10n ** 39n), max: 10n ** 39n }),
  creditBalance: fc.bigInt({ min: -(10n ** 39n), max: 10n ** 39n }),
});

describe('canonical JSON', () => {
  it('matches RFC 8785 (the canonicalize package) for every value the ledger hashes', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a transfer exactly as the canonical JSON of its fields', () => {
    fc.assert(
      fc.property(record, (transfer) => {
        const reference = canonicalize({
          ...transfer,
          amount: transfer.amount.toString(),
          pendingAmount: transfer.pendingAmount?.toString() ?? null,
          debitBalance: transfer.debitBalance.toString(),
          creditBalance: transfer.creditBalance.toString(),
          createdAt: transfer.createdAt.toISOString(),
          timeoutAt: transfer.timeoutAt?.toISOString() ?? null,
        });
        expect(transferHash(transfer)).toBe(
          createHash('sha256')
            .update(reference ?? '')
            .digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what it cannot hash deterministically', () => {
    expect(() => canonicalJson(0.5)).toThrow(TypeError);
    expect(() => canonicalJson(2 ** 60)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(canonicalJson({ b: 1, a: undefined, c: [true, null] })).toBe('{"b":1,"c":[true,null]}');
  });
});
