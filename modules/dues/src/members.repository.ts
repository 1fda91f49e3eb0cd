import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { members, payments, type MemberRow } from './dues.tables.ts';

export async function findMember(
  executor: Executor,
  memberId: string,
  lock = false,
): Promise<MemberRow | undefined> {
  const query = executor.select().from(members).where(eq(members.id, memberId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findMemberByUser(
  executor: Executor,
  userId: string,
  lock = false,
): Promise<MemberRow | undefined> {
  const query = executor.select().from(members).where(eq(members.userId, userId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findMemberByPhoneIndex(
  executor: Executor,
  index: string,
  lock = false,
): Promise<MemberRow | undefined> {
  const query = executor.select().from(members).where(eq(members.phoneIndex, index));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listMemberRows(
  executor: Executor,
  filter: { city?: string | undefined } = {},
): Promise<MemberRow[]> {
  return executor
    .select()
    .from(members)
    .where(filter.city ? sql`lower(${members.city}) = lower(${filter.city})` : undefined)
    .orderBy(members.number);
}

/** Periods with a confirmed payment, per member (all members when no ids are given). */
export async function confirmedPeriodsOf(
  executor: Executor,
  memberIds?: readonly string[],
): Promise<Map<string, Set<string>>> {
  if (memberIds && memberIds.length === 0) return new Map();
  const rows = await executor
    .select({ memberId: payments.memberId, period: payments.period })
    .from(payments)
    .where(
      and(
        eq(payments.status, 'confirmed'),
        memberIds ? inArray(payments.memberId, [...memberIds]) : undefined,
      ),
    );
  const result = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = result.get(row.memberId) ?? new Set<string>();
    set.add(row.period);
    result.set(row.memberId, set);
  }
  return result;
}

/** Which payment statuses each member has for one period (for "not paid for month X" and exports). */
export async function paymentsInPeriod(
  executor: Executor,
  period: string,
): Promise<Map<string, { status: string; confirmedAt: Date | null }[]>> {
  const rows = await executor
    .select({ memberId: payments.memberId, status: payments.status, confirmedAt: payments.confirmedAt })
    .from(payments)
    .where(eq(payments.period, period));
  const result = new Map<string, { status: string; confirmedAt: Date | null }[]>();
  for (const row of rows) {
    const list = result.get(row.memberId) ?? [];
    list.push({ status: row.status, confirmedAt: row.confirmedAt });
    result.set(row.memberId, list);
  }
  return result;
}

/** The unique index a PostgreSQL error violated, if it is a unique violation. */
export function violatedConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === '23505' && typeof candidate.constraint === 'string') return candidate.constraint;
    current = candidate.cause;
  }
  return undefined;
}
