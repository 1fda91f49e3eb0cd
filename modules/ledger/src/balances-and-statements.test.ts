import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ManualClock } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type Account, type LedgerApi, type StatementEntry } from './index.ts';
import { createTestAccount, fundAccount, newTransferId } from './testing.ts';

let database: TestDatabase;
let ledger: LedgerApi;
const clock = new ManualClock('2026-05-01T00:00:00Z');
let wallet: Account;
let shop: Account;
const instants: Record<string, Date> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  ledger = createLedgerModule({ db: database.db, clock }).api;
  wallet = await createTestAccount(ledger);
  shop = await createTestAccount(ledger, { debitsMustNotExceedCredits: false });
  instants.start = clock.now();
  clock.advance(60_000);
  await fundAccount(ledger, wallet, 10_000n);
  instants.funded = clock.now();
  for (let day = 1; day <= 12; day += 1) {
    clock.advance(24 * 3600_000);
    await ledger.createTransfer({
      id: `purchase-${day}-${newTransferId()}`,
      debitAccountId: wallet.id,
      creditAccountId: shop.id,
      amount: BigInt(day * 10),
      code: day % 3 === 0 ? 'fee' : 'payment',
      metadata: { partner: day % 2 === 0 ? 'ozon' : 'kaspi', day: String(day) },
    });
    instants[`day${day}`] = clock.now();
  }
  clock.advance(3600_000);
  const hold = await ledger.createPendingTransfer({
    id: newTransferId(),
    debitAccountId: wallet.id,
    creditAccountId: shop.id,
    amount: 500n,
    code: 'booking',
  });
  instants.held = clock.now();
  clock.advance(3600_000);
  await ledger.postPendingTransfer({ id: newTransferId(), pendingId: hold.id, amount: 300n });
  instants.posted = clock.now();
});
afterAll(async () => {
  await database.close();
});

const spentUntil = (day: number): bigint => BigInt((day * (day + 1) * 10) / 2);

describe('balances', () => {
  it('gives posted, pending and available now', async () => {
    expect(await ledger.getBalance(wallet.id)).toMatchObject({
      asOf: null,
      posted: 10_000n - spentUntil(12) - 300n,
      pending: 0n,
      available: 10_000n - spentUntil(12) - 300n,
    });
    expect((await ledger.getBalance(shop.id)).posted).toBe(spentUntil(12) + 300n);
  });

  it('gives the balance as of any past instant, holds included', async () => {
    expect((await ledger.getBalance(wallet.id, { asOf: instants.start })).posted).toBe(0n);
    expect((await ledger.getBalance(wallet.id, { asOf: instants.funded })).posted).toBe(10_000n);
    expect((await ledger.getBalance(wallet.id, { asOf: instants.day5 })).posted).toBe(
      10_000n - spentUntil(5),
    );
    expect(await ledger.getBalance(wallet.id, { asOf: instants.held })).toMatchObject({
      posted: 10_000n - spentUntil(12),
      pending: -500n,
      available: 10_000n - spentUntil(12) - 500n,
    });
    expect(await ledger.getBalance(wallet.id, { asOf: instants.posted })).toMatchObject({
      posted: 10_000n - spentUntil(12) - 300n,
      pending: 0n,
    });
  });
});

describe('statements', () => {
  it('lists newest first with the running balance after each transfer', async () => {
    const page = await ledger.getStatement(wallet.id, { limit: 100 });
    expect(page.entries).toHaveLength(15);
    expect(page.nextCursor).toBeNull();
    const [post, hold, last] = page.entries;
    expect(post).toMatchObject({
      kind: 'post_pending',
      postedChange: -300n,
      pendingChange: 500n,
      code: 'booking',
    });
    expect(hold).toMatchObject({ kind: 'pending', postedChange: 0n, pendingChange: -500n });
    expect(last).toMatchObject({ side: 'debit', amount: 120n, counterpartyAccountId: shop.id });
    let balance = 0n;
    for (const entry of [...page.entries].reverse()) {
      balance += entry.postedChange;
      expect(entry.balanceAfter).toBe(balance);
    }
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: StatementEntry[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await ledger.getStatement(wallet.id, { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const all = await ledger.getStatement(wallet.id, { limit: 100 });
    expect(seen.map((entry) => entry.transferId)).toEqual(all.entries.map((entry) => entry.transferId));
  });

  it('filters by code, date range and metadata, keeping the true running balance', async () => {
    const fees = await ledger.getStatement(wallet.id, { codes: ['fee'] });
    expect(fees.entries.map((entry) => entry.amount)).toEqual([120n, 90n, 60n, 30n]);
    const nine = fees.entries[1];
    expect(nine?.balanceAfter).toBe(10_000n - spentUntil(9));

    const ozon = await ledger.getStatement(wallet.id, { metadata: { partner: 'ozon' } });
    expect(ozon.entries.map((entry) => entry.metadata.day)).toEqual(['12', '10', '8', '6', '4', '2']);

    const window = await ledger.getStatement(wallet.id, { from: instants.day3, to: instants.day6 });
    expect(window.entries.map((entry) => entry.amount)).toEqual([50n, 40n, 30n]);

    const both = await ledger.getStatement(wallet.id, {
      codes: ['payment'],
      metadata: { partner: 'kaspi' },
      from: instants.day1,
      limit: 2,
    });
    expect(both.entries.map((entry) => entry.metadata.day)).toEqual(['11', '7']);
    const next = await ledger.getStatement(wallet.id, {
      codes: ['payment'],
      metadata: { partner: 'kaspi' },
      from: instants.day1,
      limit: 2,
      cursor: both.nextCursor ?? '',
    });
    expect(next.entries.map((entry) => entry.metadata.day)).toEqual(['5', '1']);
  });

  it('refuses a cursor of another account and bad filters', async () => {
    const page = await ledger.getStatement(wallet.id, { limit: 1 });
    const refusal = async (promise: Promise<unknown>): Promise<string> =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof AppError ? error.code : 'crashed'),
      );
    expect(await refusal(ledger.getStatement(shop.id, { cursor: page.nextCursor ?? '' }))).toBe(
      'LEDGER_CURSOR_INVALID',
    );
    expect(await refusal(ledger.getStatement(wallet.id, { cursor: 'garbage' }))).toBe(
      'LEDGER_CURSOR_INVALID',
    );
    expect(await refusal(ledger.getStatement(wallet.id, { limit: 0 }))).toBe('LEDGER_FILTER_INVALID');
    expect(await refusal(ledger.getStatement(wallet.id, { codes: [] }))).toBe('LEDGER_FILTER_INVALID');
    expect(await refusal(ledger.getStatement(wallet.id, { from: new Date('nope') }))).toBe(
      'LEDGER_FILTER_INVALID',
    );
    expect(await refusal(ledger.getBalance(wallet.id, { asOf: new Date('nope') }))).toBe(
      'LEDGER_FILTER_INVALID',
    );
  });
});
