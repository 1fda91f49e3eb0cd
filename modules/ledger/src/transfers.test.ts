import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ManualClock, sql } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type LedgerApi } from './index.ts';
import { createTestAccount, fundAccount, newTransferId, testMintAccount } from './testing.ts';

let database: TestDatabase;
let ledger: LedgerApi;
const clock = new ManualClock('2026-03-01T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ledger = createLedgerModule({ db: database.db, clock }).api;
});
afterAll(async () => {
  await database.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the ledger to refuse');
}

describe('transfers', () => {
  it('moves value between two accounts and updates both balances', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 10_000n);
    const transfer = await ledger.createTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: '2500',
      code: 'payment',
      metadata: { order: 'o-1' },
    });
    expect(transfer).toMatchObject({
      kind: 'posted',
      amount: 2500n,
      asset: 'KZT',
      metadata: { order: 'o-1' },
    });
    expect(await ledger.getBalance(from.id)).toMatchObject({ posted: 7500n, available: 7500n });
    expect(await ledger.getBalance(to.id)).toMatchObject({ posted: 2500n, creditsPosted: 2500n });
  });

  it('returns the original transfer when the same request is replayed', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 1000n);
    const input = {
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 400n,
      code: 'payment',
    };
    const first = await ledger.createTransfer(input);
    clock.advance(60_000);
    const again = await ledger.createTransfer({ ...input, amount: '400' });
    expect(again).toEqual(first);
    expect((await ledger.getBalance(to.id)).posted).toBe(400n);
  });

  it('refuses the same id with different fields and names the field', async () => {
    const [from, to, other] = [
      await createTestAccount(ledger),
      await createTestAccount(ledger),
      await createTestAccount(ledger),
    ];
    await fundAccount(ledger, from, 1000n);
    const input = {
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 100n,
      code: 'payment',
    };
    await ledger.createTransfer(input);
    const cases = [
      [{ amount: 101n }, 'amount'],
      [{ creditAccountId: other.id }, 'creditAccountId'],
      [{ code: 'refund' }, 'code'],
      [{ metadata: { order: 'x' } }, 'metadata'],
    ] as const;
    for (const [change, field] of cases) {
      const error = await failure(ledger.createTransfer({ ...input, ...change }));
      expect(error.code).toBe('LEDGER_TRANSFER_EXISTS_MISMATCH');
      expect(error.params).toMatchObject({ transferId: input.id, field });
    }
    const asPending = await failure(ledger.createPendingTransfer(input));
    expect(asPending.params).toMatchObject({ field: 'type' });
  });

  it('keeps failing the same way when a failed transfer is retried, even after funds arrive', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    const input = {
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 500n,
      code: 'payment',
    };
    const first = await failure(ledger.createTransfer(input));
    expect(first.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(first.params).toMatchObject({ accountId: from.id, available: '0', amount: '500' });
    await fundAccount(ledger, from, 1000n);
    const retried = await failure(ledger.createTransfer(input));
    expect(retried.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(retried.params).toEqual(first.params);
    expect((await ledger.getBalance(to.id)).posted).toBe(0n);
  });

  it('runs a linked batch all or nothing: gross to fee, tax and net', async () => {
    const mint = await testMintAccount(ledger);
    const network = await ledger.createAccount({
      asset: 'KZT',
      owner: 'network:admitad',
      code: 'receivable',
    });
    const clearing = await ledger.createAccount({
      asset: 'KZT',
      owner: newTransferId(),
      code: 'clearing',
      debitsMustNotExceedCredits: true,
    });
    const fees = await ledger.createAccount({ asset: 'KZT', owner: 'platform:fees', code: 'fees' });
    const tax = await ledger.createAccount({ asset: 'KZT', owner: 'platform:tax', code: 'tax-withheld' });
    const wallet = await createTestAccount(ledger, { code: 'cpa-available' });
    expect(mint.asset).toBe('KZT');
    const gross = newTransferId();
    const batch = await ledger.createLinkedTransfers([
      {
        type: 'transfer',
        id: gross,
        debitAccountId: network.id,
        creditAccountId: clearing.id,
        amount: 100_000n,
        code: 'commission',
      },
      {
        type: 'transfer',
        id: `${gross}-fee`,
        debitAccountId: clearing.id,
        creditAccountId: fees.id,
        amount: 20_000n,
        code: 'fee',
      },
      {
        type: 'transfer',
        id: `${gross}-tax`,
        debitAccountId: clearing.id,
        creditAccountId: tax.id,
        amount: 8_000n,
        code: 'tax',
      },
      {
        type: 'transfer',
        id: `${gross}-net`,
        debitAccountId: clearing.id,
        creditAccountId: wallet.id,
        amount: 72_000n,
        code: 'commission',
      },
    ]);
    expect(batch.map((transfer) => transfer.batchId)).toEqual([gross, gross, gross, gross]);
    expect((await ledger.getBalance(clearing.id)).posted).toBe(0n);
    expect((await ledger.getBalance(wallet.id)).posted).toBe(72_000n);

    const second = newTransferId();
    const error = await failure(
      ledger.createLinkedTransfers([
        {
          type: 'transfer',
          id: second,
          debitAccountId: network.id,
          creditAccountId: clearing.id,
          amount: 1000n,
          code: 'commission',
        },
        {
          type: 'transfer',
          id: `${second}-net`,
          debitAccountId: clearing.id,
          creditAccountId: wallet.id,
          amount: 1001n,
          code: 'commission',
        },
      ]),
    );
    expect(error.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(error.params).toMatchObject({ transferId: `${second}-net` });
    expect((await ledger.getBalance(clearing.id)).posted).toBe(0n);
    expect(await ledger.getTransfer(second)).toBeUndefined();
    const alone = await failure(
      ledger.createTransfer({
        id: second,
        debitAccountId: network.id,
        creditAccountId: clearing.id,
        amount: 1000n,
        code: 'commission',
      }),
    );
    expect(alone.params).toMatchObject({ field: 'linked' });
  });

  it('reserves with a pending transfer, then posts part and releases the rest', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 1000n);
    const hold = await ledger.createPendingTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 600n,
      code: 'withdrawal',
      timeoutSeconds: 3600,
    });
    expect(await ledger.getBalance(from.id)).toMatchObject({
      posted: 1000n,
      pending: -600n,
      available: 400n,
    });
    const overspend = await failure(
      ledger.createTransfer({
        id: newTransferId(),
        debitAccountId: from.id,
        creditAccountId: to.id,
        amount: 401n,
        code: 'payment',
      }),
    );
    expect(overspend.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    const tooMuch = await failure(
      ledger.postPendingTransfer({ id: newTransferId(), pendingId: hold.id, amount: 601n }),
    );
    expect(tooMuch.code).toBe('LEDGER_POST_EXCEEDS_PENDING');

    const post = await ledger.postPendingTransfer({ id: newTransferId(), pendingId: hold.id, amount: 450n });
    expect(post).toMatchObject({
      kind: 'post_pending',
      amount: 450n,
      pendingAmount: 600n,
      code: 'withdrawal',
    });
    expect(await ledger.getBalance(from.id)).toMatchObject({ posted: 550n, pending: 0n, available: 550n });
    expect(await ledger.getBalance(to.id)).toMatchObject({ posted: 450n, pending: 0n });
    const twice = await failure(ledger.voidPendingTransfer({ id: newTransferId(), pendingId: hold.id }));
    expect(twice.code).toBe('LEDGER_PENDING_ALREADY_RESOLVED');
    expect(twice.params).toMatchObject({ resolution: 'posted' });
  });

  it('voids a hold, and the expiry job releases one whose timeout passed', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 1000n);
    const voided = await ledger.createPendingTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 100n,
      code: 'reward',
    });
    await ledger.voidPendingTransfer({ id: newTransferId(), pendingId: voided.id });
    const lapsing = await ledger.createPendingTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 300n,
      code: 'reward',
      timeoutSeconds: 60,
    });
    expect((await ledger.getBalance(from.id)).available).toBe(700n);
    clock.advance(61_000);
    const late = await failure(ledger.postPendingTransfer({ id: newTransferId(), pendingId: lapsing.id }));
    expect(late.code).toBe('LEDGER_PENDING_EXPIRED');
    expect(await ledger.expirePendingTransfers()).toBeGreaterThanOrEqual(1);
    expect(await ledger.expirePendingTransfers()).toBe(0);
    expect((await ledger.getTransfer(`expiry:${lapsing.id}`))?.kind).toBe('expire_pending');
    expect(await ledger.getBalance(from.id)).toMatchObject({ posted: 1000n, available: 1000n, pending: 0n });
    const { rows } = await database.db.execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM platform.outbox WHERE name = 'ledger.pending-expired' AND payload->>'pendingId' = ${lapsing.id}`,
    );
    expect(rows[0]?.count).toBe('1');
  });

  it('corrects only by a reversing transfer, once', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 1000n);
    const original = await ledger.createTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 250n,
      code: 'payment',
    });
    const reversal = await ledger.reverseTransfer({
      id: newTransferId(),
      transferId: original.id,
      metadata: { reason: 'duplicate' },
    });
    expect(reversal).toMatchObject({
      debitAccountId: to.id,
      creditAccountId: from.id,
      amount: 250n,
      reversesId: original.id,
      code: 'reversal',
    });
    expect((await ledger.getBalance(from.id)).posted).toBe(1000n);
    const again = await failure(ledger.reverseTransfer({ id: newTransferId(), transferId: original.id }));
    expect(again.code).toBe('LEDGER_ALREADY_REVERSED');
    const ofReversal = await failure(
      ledger.reverseTransfer({ id: newTransferId(), transferId: reversal.id }),
    );
    expect(ofReversal.code).toBe('LEDGER_NOT_REVERSIBLE');
  });

  it('rejects UPDATE, DELETE and TRUNCATE of transfers and direct balance edits', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 10n);
    const attempts = [
      sql`UPDATE ledger.transfers SET amount = amount + 1`,
      sql`DELETE FROM ledger.transfers`,
      sql`TRUNCATE ledger.transfers CASCADE`,
      sql`UPDATE ledger.accounts SET credits_posted = credits_posted + 100 WHERE id = ${to.id}`,
      sql`UPDATE ledger.accounts SET debits_must_not_exceed_credits = false WHERE id = ${from.id}`,
      sql`DELETE FROM ledger.requests`,
      sql`DELETE FROM ledger.accounts WHERE id = ${to.id}`,
    ];
    for (const statement of attempts) {
      await expect(database.db.execute(statement)).rejects.toThrow();
    }
    expect((await ledger.getBalance(from.id)).posted).toBe(10n);
  });

  it('has the database refuse transfers written against an outdated view of their accounts', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    const funding = await fundAccount(ledger, from, 100n);
    const insert = (id: string, debitPrevId: string | null, debitAccountId = from.id) =>
      database.db.execute(sql`
        INSERT INTO ledger.transfers (id, kind, debit_account_id, credit_account_id, asset, amount, code,
          created_at, debit_prev_id, credit_prev_id, debit_balance, credit_balance, hash)
        VALUES (${id}, 'posted', ${debitAccountId}, ${to.id}, 'KZT', 1, 'payment', now(), ${debitPrevId}, NULL,
          99, 1, 'x')`);
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'written',
        (error: unknown) => (error as { cause?: { code?: string } }).cause?.code,
      );
    // The debit account's newest transfer is the funding, not nothing: a stale writer.
    expect(await code(insert(newTransferId(), null))).toBe('40001');
    expect(await code(insert(newTransferId(), funding.id, 'acc_missing'))).toBe('40001');
    await ledger.closeAccount(to.id);
    expect(await code(insert(newTransferId(), funding.id))).toBe('40001');
    expect((await ledger.getBalance(from.id)).posted).toBe(100n);
  });

  it('closes an account for new movements but lets its holds be voided', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 100n);
    const hold = await ledger.createPendingTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: 40n,
      code: 'booking',
    });
    await ledger.closeAccount(to.id);
    const refused = await failure(
      ledger.createTransfer({
        id: newTransferId(),
        debitAccountId: from.id,
        creditAccountId: to.id,
        amount: 1n,
        code: 'payment',
      }),
    );
    expect(refused.code).toBe('LEDGER_ACCOUNT_CLOSED');
    expect(refused.params).toMatchObject({ accountId: to.id });
    const post = await failure(ledger.postPendingTransfer({ id: newTransferId(), pendingId: hold.id }));
    expect(post.code).toBe('LEDGER_ACCOUNT_CLOSED');
    await ledger.voidPendingTransfer({ id: newTransferId(), pendingId: hold.id });
    expect((await ledger.getBalance(from.id)).available).toBe(100n);
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    const [from, to] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, from, 100n);
    const id = newTransferId();
    await expect(
      database.db.transaction(async (tx) => {
        await ledger.createTransfer(
          { id, debitAccountId: from.id, creditAccountId: to.id, amount: 60n, code: 'payment' },
          { executor: tx },
        );
        expect((await ledger.getAccount(to.id, { executor: tx })).creditsPosted).toBe(60n);
        throw new Error('caller changed its mind');
      }),
    ).rejects.toThrow('caller changed its mind');
    expect(await ledger.getTransfer(id)).toBeUndefined();
    await database.db.transaction(async (tx) => {
      await ledger.createTransfer(
        { id, debitAccountId: from.id, creditAccountId: to.id, amount: 60n, code: 'payment' },
        { executor: tx },
      );
    });
    expect((await ledger.getBalance(to.id)).posted).toBe(60n);
  });

  it('creates accounts idempotently per owner, asset and code', async () => {
    const owner = newTransferId();
    const first = await ledger.createAccount({
      asset: 'USDT',
      owner,
      code: 'wallet',
      debitsMustNotExceedCredits: true,
    });
    const again = await ledger.createAccount({
      asset: 'USDT',
      owner,
      code: 'wallet',
      debitsMustNotExceedCredits: true,
    });
    expect(again.id).toBe(first.id);
    const conflict = await failure(ledger.createAccount({ asset: 'USDT', owner, code: 'wallet' }));
    expect(conflict.code).toBe('LEDGER_ACCOUNT_EXISTS_MISMATCH');
    expect(conflict.params).toMatchObject({ field: 'debitsMustNotExceedCredits' });
    expect(await ledger.findAccount({ owner, asset: 'USDT', code: 'wallet' })).toMatchObject({
      id: first.id,
    });
    await ledger.registerAsset({ code: 'EASY', decimals: 8 });
    await ledger.registerAsset({ code: 'EASY', decimals: 8 });
    expect((await failure(ledger.registerAsset({ code: 'EASY', decimals: 6 }))).code).toBe(
      'LEDGER_ASSET_CONFLICT',
    );
    expect((await ledger.createAccount({ asset: 'EASY', owner, code: 'rewards-available' })).asset).toBe(
      'EASY',
    );
    expect(ledger.parseAmount('1.5', 'EASY')).toBe(150_000_000n);
  });

  it('judges a refusal on the current state, not on one cached before the expiry job released a hold', async () => {
    const [wallet, shop] = [await createTestAccount(ledger), await createTestAccount(ledger)];
    await fundAccount(ledger, wallet, 1_000n);
    await ledger.createPendingTransfer({
      id: newTransferId(),
      debitAccountId: wallet.id,
      creditAccountId: shop.id,
      amount: 900n,
      code: 'hold',
      timeoutSeconds: 30,
    });
    clock.advance(31_000);
    expect(await ledger.expirePendingTransfers()).toBeGreaterThanOrEqual(1);
    const id = newTransferId();
    const hold = { id, debitAccountId: wallet.id, creditAccountId: shop.id, amount: 950n, code: 'hold' };
    expect(await ledger.createPendingTransfer(hold)).toMatchObject({ id, amount: 950n });
    expect((await ledger.getBalance(wallet.id)).available).toBe(50n);
  });
});
