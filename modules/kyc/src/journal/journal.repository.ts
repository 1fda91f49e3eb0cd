import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import { journal, journalHead, type JournalRow } from '../kyc.tables.ts';

/**
 * Appends one entry. The head row is locked with FOR UPDATE inside a (nested) transaction on the
 * caller's executor, so concurrent appenders queue on it until their own transaction ends. (The
 * audit log once took its advisory lock on the pool, outside the caller's transaction, where it
 * serialised nothing; a row lock taken through the same executor cannot make that mistake.)
 */
export async function appendJournalEntry(
  executor: Executor,
  build: (head: { seq: number; hash: string }) => JournalRow,
): Promise<JournalRow> {
  return executor.transaction(async (tx) => {
    const [head] = await tx
      .select({ seq: journalHead.seq, hash: journalHead.hash })
      .from(journalHead)
      .for('update');
    if (!head) throw new Error('kyc.journal_head is missing: the KYC migration did not run');
    const row = build({ seq: head.seq + 1, hash: head.hash });
    await tx.insert(journal).values(row);
    await tx.update(journalHead).set({ seq: row.seq, hash: row.hash }).where(eq(journalHead.singleton, true));
    return row;
  });
}

export async function* readJournal(db: Db, batchSize = 1000): AsyncGenerator<JournalRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(journal)
      .where(gt(journal.seq, after))
      .orderBy(asc(journal.seq))
      .limit(batchSize);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.seq;
  }
}

/** Entries with occurred_at in [from, to), oldest first. */
export async function journalBetween(db: Db, from: Date, to: Date, limit: number): Promise<JournalRow[]> {
  return db
    .select()
    .from(journal)
    .where(and(gte(journal.occurredAt, from), lt(journal.occurredAt, to)))
    .orderBy(asc(journal.seq))
    .limit(limit);
}

export async function journalOfCase(db: Db, caseId: string): Promise<JournalRow[]> {
  return db.select().from(journal).where(eq(journal.caseId, caseId)).orderBy(asc(journal.seq));
}
