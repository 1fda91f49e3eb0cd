import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, createPool, drizzleFor, newId, sql, type Db } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type LedgerApi } from './index.ts';

/**
 * 16 workers × 500 random transfers over 100 accounts (a hot fee account taking a leg of a quarter
 * of them, a mint, 98 no-overdraft wallets), through four module instances (four "servers", each with
 * its own group commit) and through callers' own transactions, with replays mixed in. 2,000 per
 * worker took over a minute on the shared 2-core machine; 500 keeps the same shape in 10–20 s.
 */
const WORKERS = 16;
const PER_WORKER = 500;
const WALLETS = 98;

let database: TestDatabase;
let db: Db;
let closePool: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  const pool = createPool(database.url, { max: 16, statementTimeoutMs: 30_000 });
  db = drizzleFor(pool);
  closePool = () => pool.end();
});
afterAll(async () => {
  await closePool();
  await database.close();
});

interface Sent {
  readonly id: string;
  readonly debit: string;
  readonly credit: string;
  readonly amount: bigint;
}

describe('concurrency', () => {
  it('keeps every invariant under 16 concurrent writers', async () => {
    const instances: LedgerApi[] = Array.from({ length: 4 }, () => createLedgerModule({ db }).api);
    const setup = instances[0];
    if (!setup) throw new Error('no ledger instance');
    const owner = newId('usr');
    const mint = await setup.createAccount({ asset: 'KZT', owner, code: 'mint' });
    const fees = await setup.createAccount({ asset: 'KZT', owner: 'platform:fees', code: 'fees' });
    const wallets = await Promise.all(
      Array.from({ length: WALLETS }, (_, index) =>
        setup.createAccount({
          asset: 'KZT',
          owner,
          code: `wallet-${index}`,
          debitsMustNotExceedCredits: true,
        }),
      ),
    );
    const applied = new Map<string, Sent>();
    for (const wallet of wallets) {
      const funding = {
        id: newId('trf'),
        debit: mint.id,
        credit: wallet.id,
        amount: BigInt(500 + Math.floor(Math.random() * 2000)),
      };
      await setup.createTransfer({
        id: funding.id,
        debitAccountId: funding.debit,
        creditAccountId: funding.credit,
        amount: funding.amount,
        code: 'funding',
      });
      applied.set(funding.id, funding);
    }
    const refused = new Map<string, string>();
    const mismatches: string[] = [];
    const pickWallet = (): string => wallets[Math.floor(Math.random() * wallets.length)]?.id ?? '';

    const worker = async (number: number): Promise<void> => {
      const ledger = instances[number % instances.length] ?? setup;
      // Every fourth worker is another module calling the ledger inside its own transaction.
      const ownTransaction = number % 4 === 3;
      const mine: Sent[] = [];
      for (let index = 0; index < PER_WORKER; index += 1) {
        if (mine.length > 0 && Math.random() < 0.05) {
          const again = mine[Math.floor(Math.random() * mine.length)];
          if (!again) continue;
          const replay = await ledger
            .createTransfer({
              id: again.id,
              debitAccountId: again.debit,
              creditAccountId: again.credit,
              amount: again.amount,
              code: 'payment',
            })
            .then(
              (transfer) => (transfer.amount === again.amount ? 'ok' : 'different'),
              (error: unknown) => (error instanceof AppError ? error.code : 'crash'),
            );
          const expected = applied.has(again.id) ? 'ok' : (refused.get(again.id) ?? 'unknown');
          if (replay !== expected) mismatches.push(`${again.id}: ${replay} instead of ${expected}`);
          continue;
        }
        const roll = Math.random();
        const debit = roll < 0.1 ? fees.id : pickWallet();
        let credit = roll >= 0.1 && roll < 0.25 ? fees.id : pickWallet();
        while (credit === debit) credit = pickWallet();
        const sent: Sent = {
          id: `w${number}-${index}-${newId('trf')}`,
          debit,
          credit,
          amount: BigInt(1 + Math.floor(Math.random() * 300)),
        };
        const input = {
          id: sent.id,
          debitAccountId: debit,
          creditAccountId: credit,
          amount: sent.amount,
          code: 'payment',
        };
        try {
          if (ownTransaction) {
            // The caller commits even when the ledger refuses, so the refusal is remembered like any other.
            const refusal = await db.transaction((tx) =>
              ledger.createTransfer(input, { executor: tx }).then(
                () => undefined,
                (error: unknown) => error,
              ),
            );
            if (refusal instanceof Error) throw refusal;
          } else {
            await ledger.createTransfer(input);
          }
          applied.set(sent.id, sent);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refused.set(sent.id, error.code);
        }
        mine.push(sent);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, number) => worker(number)));

    expect(mismatches).toEqual([]);
    expect([...refused.values()].every((code) => code === 'LEDGER_INSUFFICIENT_FUNDS')).toBe(true);

    const { rows: unbalanced } = await db.execute(sql`
      SELECT asset FROM ledger.accounts GROUP BY asset HAVING sum(debits_posted) <> sum(credits_posted)`);
    expect(unbalanced).toEqual([]);
    const { rows: overdrawn } = await db.execute(sql`
      SELECT id FROM ledger.accounts
      WHERE debits_must_not_exceed_credits AND debits_posted + debits_pending > credits_posted`);
    expect(overdrawn).toEqual([]);

    // Every acknowledged id was applied exactly once, no refused id was applied.
    const ids = [...applied.keys(), ...refused.keys()];
    const { rows: stored } = await db.execute<{ id: string; amount: string }>(
      sql`SELECT id, amount FROM ledger.transfers WHERE id = ANY(${sql.param(ids)}::text[])`,
    );
    expect(stored.length).toBe(applied.size);
    for (const row of stored) expect(applied.get(row.id)?.amount).toBe(BigInt(row.amount));

    // Each account's totals equal the sum of what was acknowledged for it.
    const expected = new Map<string, { debits: bigint; credits: bigint }>();
    for (const sent of applied.values()) {
      const debit = expected.get(sent.debit) ?? { debits: 0n, credits: 0n };
      debit.debits += sent.amount;
      expected.set(sent.debit, debit);
      const credit = expected.get(sent.credit) ?? { debits: 0n, credits: 0n };
      credit.credits += sent.amount;
      expected.set(sent.credit, credit);
    }
    for (const account of [mint, fees, ...wallets]) {
      const balance = await setup.getBalance(account.id);
      const totals = expected.get(account.id) ?? { debits: 0n, credits: 0n };
      expect({ id: account.id, debits: balance.debitsPosted, credits: balance.creditsPosted }).toEqual({
        id: account.id,
        ...totals,
      });
    }
    const report = await setup.verify();
    expect(report.problems).toEqual([]);
    expect(refused.size).toBeGreaterThan(0);
  }, 120_000);
});
