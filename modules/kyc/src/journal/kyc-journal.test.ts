import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { recordJournal, verifyJournal } from './kyc-journal.ts';

describe('KYC journal', () => {
  let database: TestDatabase;
  const clock = new ManualClock('2026-03-01T05:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  const entry = (caseId: string) => ({
    actor: 'usr_test',
    operation: 'iin-submitted' as const,
    caseId,
    userId: 'usr_test',
    maskedIin: '900101******',
    fromStatus: 'not_started',
    toStatus: 'iin_submitted',
  });

  async function asOwner(
    statements: (run: (sql: string) => Promise<unknown>) => Promise<void>,
  ): Promise<void> {
    const client = await database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await statements((sql) => client.query(sql));
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
  }

  it('commits an entry with the operation it records, or not at all', async () => {
    const first = await recordJournal(database.db, clock, entry('kyc_a'));
    expect(first).toMatchObject({ seq: 1, operation: 'iin-submitted', maskedIin: '900101******' });
    await expect(
      database.db.transaction(async (tx) => {
        await recordJournal(tx, clock, entry('kyc_b'));
        throw new Error('the operation itself failed');
      }),
    ).rejects.toThrow('the operation itself failed');
    expect(await verifyJournal(database.db)).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps one chain when many transactions append at once and hold their turn until commit', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordJournal(tx, clock, entry(`kyc_c${i}`));
          // Work after the append, inside the same transaction: the next appender must wait for it.
          await tx.execute('SELECT pg_sleep(0.005)');
          await recordJournal(tx, clock, entry(`kyc_c${i}`));
        }),
      ),
    );
    const result = await verifyJournal(database.db);
    expect(result).toMatchObject({ ok: true, count: 49 });
  });

  it('refuses anything but a masked IIN', async () => {
    await expect(
      recordJournal(database.db, clock, { ...entry('kyc_d'), maskedIin: '900101300017' }),
    ).rejects.toThrow();
  });

  it('rejects UPDATE, DELETE and TRUNCATE', async () => {
    await expect(database.pool.query(`UPDATE kyc.journal SET actor = 'someone'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query('DELETE FROM kyc.journal')).rejects.toThrow(/append-only/);
    await expect(database.pool.query('TRUNCATE kyc.journal')).rejects.toThrow(/append-only/);
  });

  it('names an edited, a removed and an inserted entry', async () => {
    await asOwner(async (run) => {
      await run(`UPDATE kyc.journal SET result = 'approved' WHERE seq = 5`);
    });
    expect(await verifyJournal(database.db)).toMatchObject({
      ok: false,
      count: 4,
      problem: { kind: 'edited', seq: 5 },
    });
    await asOwner(async (run) => {
      await run('DELETE FROM kyc.journal WHERE seq = 5');
    });
    expect(await verifyJournal(database.db)).toMatchObject({
      ok: false,
      count: 4,
      problem: { kind: 'missing', seq: 5 },
    });
    await asOwner(async (run) => {
      await run(
        `INSERT INTO kyc.journal SELECT 5, 'kjr_forged', occurred_at, actor, operation, case_id, user_id, masked_iin,
           from_status, to_status, result, reason, provider_reference, prev_hash, hash FROM kyc.journal WHERE seq = 6`,
      );
    });
    expect(await verifyJournal(database.db)).toMatchObject({
      ok: false,
      problem: { kind: 'out-of-chain', seq: 5, id: 'kjr_forged' },
    });
  });
});
