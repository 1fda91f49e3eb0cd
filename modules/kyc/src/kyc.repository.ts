import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import type { KycStatus } from './kyc-status.ts';
import { cases, documents, providerEvents, subjects, type CaseRow, type DocumentRow } from './kyc.tables.ts';

export type SubjectRow = typeof subjects.$inferSelect;

/** A unique index refused the write (PostgreSQL 23505), possibly wrapped by the query builder. */
export const isUniqueViolation = (error: unknown): boolean => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  return code === '23505' || (cause !== undefined && isUniqueViolation(cause));
};
export type CaseStatus = CaseRow['status'];

/** Creates the subject row if needed and locks it: one user's attempts are serialised on it. */
export async function lockSubject(executor: Executor, userId: string, now: Date): Promise<SubjectRow> {
  await executor.insert(subjects).values({ userId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const [row] = await executor.select().from(subjects).where(eq(subjects.userId, userId)).for('update');
  if (!row) throw new Error(`kyc subject ${userId} vanished`);
  return row;
}

export async function findSubject(executor: Executor, userId: string): Promise<SubjectRow | undefined> {
  const [row] = await executor.select().from(subjects).where(eq(subjects.userId, userId));
  return row;
}

export async function updateSubject(
  executor: Executor,
  userId: string,
  patch: Partial<Omit<SubjectRow, 'userId'>>,
): Promise<void> {
  await executor.update(subjects).set(patch).where(eq(subjects.userId, userId));
}

export async function insertCase(executor: Executor, row: typeof cases.$inferInsert): Promise<CaseRow> {
  const [inserted] = await executor.insert(cases).values(row).returning();
  if (!inserted) throw new Error('case insert returned nothing');
  return inserted;
}

export async function findCase(
  executor: Executor,
  id: string,
  forUpdate = false,
): Promise<CaseRow | undefined> {
  const query = executor.select().from(cases).where(eq(cases.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findCaseBySession(
  executor: Executor,
  provider: string,
  sessionId: string,
): Promise<CaseRow | undefined> {
  const [row] = await executor
    .select()
    .from(cases)
    .where(and(eq(cases.provider, provider), eq(cases.providerSessionId, sessionId)))
    .for('update');
  return row;
}

/** Compare-and-set on the status: undefined when someone else moved the case first. */
export async function updateCaseIf(
  executor: Executor,
  id: string,
  fromStatus: CaseStatus,
  patch: Partial<Omit<CaseRow, 'id' | 'userId'>>,
): Promise<CaseRow | undefined> {
  const [row] = await executor
    .update(cases)
    .set(patch)
    .where(and(eq(cases.id, id), eq(cases.status, fromStatus)))
    .returning();
  return row;
}

export async function updateCase(
  executor: Executor,
  id: string,
  patch: Partial<Omit<CaseRow, 'id' | 'userId'>>,
): Promise<void> {
  await executor.update(cases).set(patch).where(eq(cases.id, id));
}

/** A verified case of another user with the same IIN (by blind index). */
export async function verifiedElsewhere(
  executor: Executor,
  iinIndex: string,
  userId: string,
): Promise<CaseRow | undefined> {
  const [row] = await executor
    .select()
    .from(cases)
    .where(and(eq(cases.iinIndex, iinIndex), eq(cases.status, 'verified'), ne(cases.userId, userId)))
    .limit(1);
  return row;
}

export interface CaseFilter {
  readonly statuses: readonly KycStatus[];
  /** Page backwards from this case id (ids sort by creation time). */
  readonly before?: string | undefined;
  readonly userId?: string | undefined;
  readonly limit: number;
}

export async function listCases(db: Db, filter: CaseFilter): Promise<CaseRow[]> {
  const conditions: SQL[] = [];
  const statuses = filter.statuses.filter((status): status is CaseStatus => status !== 'not_started');
  if (statuses.length > 0) conditions.push(inArray(cases.status, statuses));
  if (filter.before) conditions.push(lt(cases.id, filter.before));
  if (filter.userId) conditions.push(eq(cases.userId, filter.userId));
  return db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.id))
    .limit(filter.limit);
}

/** Cases whose provider call is due for another try, and submissions a crash left behind. */
export async function casesDueForRetry(
  db: Db,
  now: Date,
  strandedBefore: Date,
  limit: number,
): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(
      or(
        and(eq(cases.status, 'provider_unavailable'), lte(cases.nextRetryAt, now)),
        and(eq(cases.status, 'iin_submitted'), lt(cases.updatedAt, strandedBefore)),
      ),
    )
    .orderBy(asc(cases.nextRetryAt))
    .limit(limit);
}

/** Cases waiting for a decision whose provider was not asked since `polledBefore`. */
export async function casesToPoll(db: Db, polledBefore: Date, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.status, 'state_check'),
        isNotNull(cases.providerSessionId),
        or(isNull(cases.lastPolledAt), lt(cases.lastPolledAt, polledBefore)),
      ),
    )
    .orderBy(asc(cases.updatedAt))
    .limit(limit);
}

export async function insertDocuments(
  executor: Executor,
  rows: (typeof documents.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await executor.insert(documents).values(rows);
}

export async function documentsOfCase(executor: Executor, caseId: string): Promise<DocumentRow[]> {
  return executor.select().from(documents).where(eq(documents.caseId, caseId)).orderBy(asc(documents.id));
}

export async function markDocumentsSent(executor: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length > 0)
    await executor
      .update(documents)
      .set({ sentToProviderAt: at })
      .where(inArray(documents.id, [...ids]));
}

/** Records a webhook delivery; false when this event was already applied. */
export async function claimProviderEvent(
  executor: Executor,
  event: { provider: string; eventId: string; sessionId: string; receivedAt: Date },
): Promise<boolean> {
  const claimed = await executor.insert(providerEvents).values(event).onConflictDoNothing().returning();
  return claimed.length > 0;
}

/** Cases of accounts closed before `closedBefore` that still hold personal data. */
export async function casesDueForPurge(db: Db, closedBefore: Date, limit: number): Promise<CaseRow[]> {
  const rows = await db
    .select({ kycCase: cases })
    .from(cases)
    .innerJoin(subjects, eq(subjects.userId, cases.userId))
    .where(and(isNotNull(subjects.closedAt), lt(subjects.closedAt, closedBefore), isNull(cases.purgedAt)))
    .orderBy(asc(cases.id))
    .limit(limit);
  return rows.map((row) => row.kycCase);
}

export async function purgeDocuments(executor: Executor, caseId: string, at: Date): Promise<void> {
  await executor
    .update(documents)
    .set({ keyCiphertext: null, purgedAt: at })
    .where(eq(documents.caseId, caseId));
}

export async function closeSubject(executor: Executor, userId: string, at: Date): Promise<void> {
  await executor
    .update(subjects)
    .set({ closedAt: at, updatedAt: at })
    .where(and(eq(subjects.userId, userId), isNull(subjects.closedAt)));
}
