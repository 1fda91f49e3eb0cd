import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, sql, type Tx } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type LedgerApi, type VerifyReport } from './index.ts';
import { createTestAccount, fundAccount, newTransferId } from './testing.ts';
import { storedTransfer, TRANSFER_COLUMNS } from './ledger.repository.ts';
import { transferHash } from './transfer-hash.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

interface Scene {
  readonly database: TestDatabase;
  readonly ledger: LedgerApi;
  readonly ids: readonly string[];
  readonly accounts: readonly string[];
}

/** A small ledger: funded wallets, transfers between them and a settled hold; optionally all sealed. */
async function scene(options: { seal: boolean }): Promise<Scene> {
  const database = await createTestDatabase();
  opened.push(database);
  const ledger = createLedgerModule({ db: database.db, clock: new ManualClock('2026-06-01T00:00:00Z') }).api;
  const wallets = [
    await createTestAccount(ledger),
    await createTestAccount(ledger),
    await createTestAccount(ledger),
  ];
  const ids: string[] = [];
  for (const wallet of wallets) ids.push((await fundAccount(ledger, wallet, 1000n)).id);
  for (let index = 0; index < 6; index += 1) {
    const from = wallets[index % 3];
    const to = wallets[(index + 1) % 3];
    if (!from || !to) throw new Error('scene needs three wallets');
    const transfer = await ledger.createTransfer({
      id: newTransferId(),
      debitAccountId: from.id,
      creditAccountId: to.id,
      amount: BigInt(10 + index),
      code: 'payment',
      metadata: { partner: 'kaspi' },
    });
    ids.push(transfer.id);
  }
  if (options.seal) await sealEverything(ledger);
  const report = await ledger.verify();
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  return { database, ledger, ids, accounts: wallets.map((wallet) => wallet.id) };
}

/** Other test files share the server: their open transactions may hold the seal horizon back briefly. */
async function sealEverything(ledger: LedgerApi): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await ledger.sealBlocks();
    const report = await ledger.verify();
    if (report.sealedTransfers === report.transfers) return;
    if (Date.now() > deadline) throw new Error('could not seal every transfer in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What an attacker with the table owner's powers does: switch the triggers off and write SQL. */
async function tamper(database: TestDatabase, work: (tx: Tx) => Promise<unknown>): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await work(tx);
  });
}

function named(report: VerifyReport, kind: string, transferId: string): boolean {
  return report.problems.some((problem) => problem.kind === kind && problem.transferId === transferId);
}

async function forgeTransfer(
  tx: Tx,
  scene: Scene,
  fields: { id: string; txid?: string; withClaim?: boolean },
): Promise<void> {
  const [debit, credit] = scene.accounts;
  const record = {
    id: fields.id,
    batchId: null,
    kind: 'posted' as const,
    debitAccountId: debit ?? '',
    creditAccountId: credit ?? '',
    asset: 'KZT',
    amount: 77n,
    pendingId: null,
    pendingAmount: null,
    timeoutAt: null,
    reversesId: null,
    code: 'payment',
    metadata: {},
    createdAt: new Date('2026-06-01T00:00:00Z'),
    debitPrevId: null,
    creditPrevId: null,
    debitBalance: -77n,
    creditBalance: 77n,
  };
  await tx.execute(sql`
    INSERT INTO ledger.transfers (id, kind, debit_account_id, credit_account_id, asset, amount, code, metadata,
      created_at, debit_balance, credit_balance, hash, txid)
    VALUES (${record.id}, 'posted', ${record.debitAccountId}, ${record.creditAccountId}, 'KZT', 77, 'payment', '{}',
      ${record.createdAt.toISOString()}::timestamptz, -77, 77, ${transferHash(record)},
      ${fields.txid ? sql`${fields.txid}::bigint` : sql`pg_current_xact_id()::text::bigint`})`);
  if (fields.withClaim) {
    await tx.execute(sql`
      INSERT INTO ledger.requests (id, request_hash, request, outcome, created_at)
      VALUES (${record.id}, 'forged', '{}', 'applied', now())`);
  }
}

describe('tamper evidence: verify names the row', () => {
  it('finds a sealed transfer whose amount was edited', async () => {
    const world = await scene({ seal: true });
    const victim = world.ids[4] ?? '';
    await tamper(world.database, (tx) =>
      tx.execute(sql`UPDATE ledger.transfers SET amount = amount + 1000 WHERE id = ${victim}`),
    );
    const report = await world.ledger.verify();
    expect(report.ok).toBe(false);
    expect(named(report, 'edited', victim)).toBe(true);
  });

  it('finds a sealed transfer edited together with its own stored hash', async () => {
    const world = await scene({ seal: true });
    const victim = world.ids[5] ?? '';
    await tamper(world.database, async (tx) => {
      await tx.execute(sql`UPDATE ledger.transfers SET metadata = '{"partner":"ozon"}' WHERE id = ${victim}`);
      const { rows } = await tx.execute(
        sql`SELECT ${TRANSFER_COLUMNS} FROM ledger.transfers WHERE id = ${victim}`,
      );
      const rehashed = transferHash(storedTransfer(rows[0] ?? {}));
      await tx.execute(sql`UPDATE ledger.transfers SET hash = ${rehashed} WHERE id = ${victim}`);
    });
    const report = await world.ledger.verify();
    expect(report.ok).toBe(false);
    expect(named(report, 'edited', victim)).toBe(true);
  });

  it('finds a sealed transfer that was deleted', async () => {
    const world = await scene({ seal: true });
    const victim = world.ids[3] ?? '';
    await tamper(world.database, (tx) => tx.execute(sql`DELETE FROM ledger.transfers WHERE id = ${victim}`));
    const report = await world.ledger.verify();
    expect(report.ok).toBe(false);
    expect(named(report, 'removed', victim)).toBe(true);
  });

  it('finds a transfer inserted into sealed history', async () => {
    const world = await scene({ seal: true });
    const { rows } = await world.database.db.execute<{ from_txid: string }>(
      sql`SELECT from_txid FROM ledger.blocks ORDER BY number LIMIT 1`,
    );
    await tamper(world.database, (tx) =>
      forgeTransfer(tx, world, { id: 'forged-in-history', txid: rows[0]?.from_txid ?? '0' }),
    );
    const report = await world.ledger.verify();
    expect(report.ok).toBe(false);
    expect(named(report, 'inserted', 'forged-in-history')).toBe(true);
  });

  it('finds edits, deletions and insertions in the unsealed tail too', async () => {
    const edited = await scene({ seal: false });
    const editVictim = edited.ids[6] ?? '';
    await tamper(edited.database, (tx) =>
      tx.execute(sql`UPDATE ledger.transfers SET amount = 1 WHERE id = ${editVictim}`),
    );
    const editReport = await edited.ledger.verify();
    expect(named(editReport, 'edited', editVictim)).toBe(true);
    expect(editReport.problems.some((problem) => problem.kind === 'totals')).toBe(true);

    const deleted = await scene({ seal: false });
    const deleteVictim = deleted.ids[4] ?? '';
    await tamper(deleted.database, (tx) =>
      tx.execute(sql`DELETE FROM ledger.transfers WHERE id = ${deleteVictim}`),
    );
    expect(named(await deleted.ledger.verify(), 'removed', deleteVictim)).toBe(true);

    const inserted = await scene({ seal: false });
    await tamper(inserted.database, (tx) => forgeTransfer(tx, inserted, { id: 'forged-in-tail' }));
    expect(named(await inserted.ledger.verify(), 'inserted', 'forged-in-tail')).toBe(true);

    // A careful forger also writes the idempotency claim; the account's chain still does not lead to it.
    const claimed = await scene({ seal: false });
    await tamper(claimed.database, (tx) =>
      forgeTransfer(tx, claimed, { id: 'forged-with-claim', withClaim: true }),
    );
    const claimedReport = await claimed.ledger.verify();
    expect(claimedReport.problems).toContainEqual(
      expect.objectContaining({
        kind: 'inserted',
        transferId: 'forged-with-claim',
        accountId: claimed.accounts[0],
      }),
    );
  });

  it('finds account totals edited behind the ledger’s back and a rewritten block', async () => {
    const world = await scene({ seal: true });
    const account = world.accounts[0] ?? '';
    await tamper(world.database, async (tx) => {
      await tx.execute(
        sql`UPDATE ledger.accounts SET credits_posted = credits_posted + 5000 WHERE id = ${account}`,
      );
      await tx.execute(sql`UPDATE ledger.blocks SET transfer_hashes[1] = repeat('0', 64) WHERE number = 1`);
    });
    const report = await world.ledger.verify();
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'totals', accountId: account }),
        expect.objectContaining({ kind: 'unbalanced', asset: 'KZT' }),
        expect.objectContaining({ kind: 'block', block: 1 }),
      ]),
    );
  });
});
