import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ManualClock, sql } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import {
  createLedgerModule,
  LedgerErrors,
  type Account,
  type LedgerApi,
  type TransferInput,
} from './index.ts';
import { createTestAccount, fundAccount, newTransferId } from './testing.ts';

let database: TestDatabase;
let ledger: LedgerApi;
let from: Account;
let to: Account;
let dollars: Account;
let closed: Account;

beforeAll(async () => {
  database = await createTestDatabase();
  ledger = createLedgerModule({ db: database.db, clock: new ManualClock('2026-04-01T00:00:00Z') }).api;
  from = await createTestAccount(ledger);
  to = await createTestAccount(ledger);
  dollars = await createTestAccount(ledger, { asset: 'USDT' });
  closed = await createTestAccount(ledger);
  await fundAccount(ledger, from, 1_000n);
  await ledger.closeAccount(closed.id);
});
afterAll(async () => {
  await database.close();
});

async function snapshot(): Promise<string> {
  const { rows } = await database.db.execute<{ state: string }>(sql`
    SELECT (SELECT count(*) FROM ledger.transfers) || '/' ||
           (SELECT string_agg(id || ':' || debits_posted || ':' || credits_posted || ':' || debits_pending || ':' ||
                              credits_pending, ',' ORDER BY id) FROM ledger.accounts) AS state`);
  return rows[0]?.state ?? '';
}

async function claims(): Promise<number> {
  const { rows } = await database.db.execute<{ count: string }>(
    sql`SELECT count(*) AS count FROM ledger.requests`,
  );
  return Number(rows[0]?.count);
}

/** Expects a refusal with the code, a message in every language, and no movement of value. */
async function expectRefused(
  attempt: () => Promise<unknown>,
  code: string,
  stateless = true,
): Promise<AppError> {
  const before = await snapshot();
  const claimsBefore = await claims();
  let caught: unknown;
  try {
    await attempt();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code).toBe(code);
  expect(error.status).toBeLessThan(500);
  for (const locale of ['ru', 'kk', 'en'] as const) {
    expect(error.localizedMessage(locale)).not.toMatch(/\{\w+\}/);
  }
  expect(await snapshot()).toBe(before);
  // Input-only mistakes leave no trace; refusals that depend on ledger state keep a claim so a retry fails alike.
  expect(await claims()).toBe(stateless ? claimsBefore : claimsBefore + 1);
  return error;
}

const base = (): TransferInput => ({
  id: newTransferId(),
  debitAccountId: from.id,
  creditAccountId: to.id,
  amount: 10n,
  code: 'payment',
});

describe('bad input is refused with a LEDGER_* code and writes nothing', () => {
  it('refuses zero, negative, fractional, non-integer and absurd amounts', async () => {
    const amounts: unknown[] = [
      0n,
      -5n,
      '0',
      '-5',
      '10.5',
      '1e3',
      ' 10',
      '',
      12.5,
      10,
      Number.NaN,
      null,
      '007',
    ];
    for (const amount of amounts) {
      await expectRefused(
        () => ledger.createTransfer({ ...base(), amount: amount as bigint }),
        LedgerErrors.LEDGER_AMOUNT_INVALID,
      );
    }
    for (const amount of [10n ** 30n, 10n ** 38n, '9'.repeat(39)]) {
      await expectRefused(
        () => ledger.createTransfer({ ...base(), amount }),
        LedgerErrors.LEDGER_AMOUNT_TOO_LARGE,
      );
    }
    await expectRefused(
      () => ledger.createTransfer({ ...base(), amount: '1'.repeat(40) }),
      LedgerErrors.LEDGER_AMOUNT_INVALID,
    );
  });

  it('refuses more fraction digits than the asset has when parsing what a person typed', async () => {
    expect(ledger.parseAmount('2000.50', 'KZT')).toBe(200_050n);
    expect(ledger.parseAmount('0.000001', 'USDT')).toBe(1n);
    expect(ledger.parseAmount('1.000000001', 'TON')).toBe(1_000_000_001n);
    const precision = await expectRefused(
      async () => ledger.parseAmount('10.005', 'KZT'),
      LedgerErrors.LEDGER_AMOUNT_PRECISION,
    );
    expect(precision.params).toMatchObject({ asset: 'KZT', decimals: 2 });
    await expectRefused(
      async () => ledger.parseAmount('0.0000001', 'USDT'),
      LedgerErrors.LEDGER_AMOUNT_PRECISION,
    );
    await expectRefused(async () => ledger.parseAmount('ten', 'KZT'), LedgerErrors.LEDGER_AMOUNT_INVALID);
    await expectRefused(async () => ledger.parseAmount('-1', 'KZT'), LedgerErrors.LEDGER_AMOUNT_INVALID);
    await expectRefused(async () => ledger.parseAmount('0.00', 'KZT'), LedgerErrors.LEDGER_AMOUNT_INVALID);
  });

  it('refuses mixed assets, unknown accounts and closed accounts', async () => {
    const mixed = await expectRefused(
      () => ledger.createTransfer({ ...base(), creditAccountId: dollars.id }),
      LedgerErrors.LEDGER_ASSET_MISMATCH,
      false,
    );
    expect(mixed.params).toMatchObject({ debitAsset: 'KZT', creditAsset: 'USDT' });
    const unknown = await expectRefused(
      () => ledger.createTransfer({ ...base(), creditAccountId: 'acc_01jnotthere000000000000000' }),
      LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND,
      false,
    );
    expect(unknown.params).toMatchObject({ accountId: 'acc_01jnotthere000000000000000' });
    await expectRefused(
      () => ledger.createTransfer({ ...base(), creditAccountId: 'not an id; DROP TABLE x' }),
      LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND,
    );
    const shut = await expectRefused(
      () => ledger.createTransfer({ ...base(), creditAccountId: closed.id }),
      LedgerErrors.LEDGER_ACCOUNT_CLOSED,
      false,
    );
    expect(shut.params).toMatchObject({ accountId: closed.id });
    await expectRefused(
      () => ledger.createPendingTransfer({ ...base(), debitAccountId: to.id, creditAccountId: from.id }),
      LedgerErrors.LEDGER_INSUFFICIENT_FUNDS,
      false,
    );
  });

  it('refuses malformed ids, codes, metadata, timeouts, batches and same-account transfers', async () => {
    for (const id of ['', ' ', 'a'.repeat(101), 'with space', 'expiry:trf_1', 'кириллица', 42]) {
      await expectRefused(
        () => ledger.createTransfer({ ...base(), id: id as string }),
        LedgerErrors.LEDGER_TRANSFER_ID_INVALID,
      );
    }
    for (const code of ['', 'Payment', 'with space', 'x'.repeat(65)]) {
      await expectRefused(() => ledger.createTransfer({ ...base(), code }), LedgerErrors.LEDGER_CODE_INVALID);
    }
    const badMetadata: unknown[] = [
      [],
      'partner',
      { partner: 1 },
      { partner: 'x'.repeat(257) },
      Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])),
    ];
    for (const metadata of badMetadata) {
      await expectRefused(
        () => ledger.createTransfer({ ...base(), metadata: metadata as Record<string, string> }),
        LedgerErrors.LEDGER_METADATA_INVALID,
      );
    }
    for (const timeoutSeconds of [0, -1, 1.5, 10 ** 9]) {
      await expectRefused(
        () => ledger.createPendingTransfer({ ...base(), timeoutSeconds }),
        LedgerErrors.LEDGER_TIMEOUT_INVALID,
      );
    }
    await expectRefused(
      () => ledger.createTransfer({ ...base(), creditAccountId: from.id }),
      LedgerErrors.LEDGER_SAME_ACCOUNT,
    );
    await expectRefused(() => ledger.createLinkedTransfers([]), LedgerErrors.LEDGER_BATCH_INVALID);
    const twice = base();
    await expectRefused(
      () =>
        ledger.createLinkedTransfers([
          { type: 'transfer', ...twice },
          { type: 'transfer', ...twice },
        ]),
      LedgerErrors.LEDGER_BATCH_INVALID,
    );
  });

  it('refuses posts and voids of holds that do not exist or are not holds', async () => {
    await expectRefused(
      () => ledger.postPendingTransfer({ id: newTransferId(), pendingId: 'trf_missing' }),
      LedgerErrors.LEDGER_PENDING_NOT_FOUND,
      false,
    );
    const posted = await ledger.createTransfer(base());
    await expectRefused(
      () => ledger.voidPendingTransfer({ id: newTransferId(), pendingId: posted.id }),
      LedgerErrors.LEDGER_NOT_PENDING,
      false,
    );
    await expectRefused(
      () => ledger.postPendingTransfer({ id: newTransferId(), pendingId: posted.id, amount: 0n }),
      LedgerErrors.LEDGER_AMOUNT_INVALID,
    );
  });

  it('refuses bad accounts and assets', async () => {
    await expectRefused(
      () => ledger.createAccount({ asset: 'XYZ', owner: 'usr_1', code: 'wallet' }),
      LedgerErrors.LEDGER_ASSET_UNKNOWN,
    );
    await expectRefused(
      () => ledger.createAccount({ asset: 'KZT', owner: 'no spaces please', code: 'wallet' }),
      LedgerErrors.LEDGER_OWNER_INVALID,
    );
    await expectRefused(() => ledger.getAccount('acc_missing'), LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND);
    await expectRefused(
      () => ledger.registerAsset({ code: 'bad', decimals: 2 }),
      LedgerErrors.LEDGER_ASSET_INVALID,
    );
    await expectRefused(
      () => ledger.registerAsset({ code: 'WEI', decimals: 19 }),
      LedgerErrors.LEDGER_ASSET_INVALID,
    );
  });

  it('gives every ledger error a status and a message in Russian, Kazakh and English', () => {
    for (const code of Object.values(LedgerErrors)) {
      const error = new AppError(code);
      expect(error.code).toBe(code);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      const texts = (['ru', 'kk', 'en'] as const).map((locale) => error.localizedMessage(locale));
      expect(new Set(texts).size).toBe(3);
    }
  });
});
