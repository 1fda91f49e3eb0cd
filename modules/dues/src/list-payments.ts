import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError, isPeriod, type Encryptor, type Executor } from '@sauda/platform';
import { DuesErrors } from './dues.errors.ts';
import { members, payments, type PaymentMethod, type PaymentRow, type PaymentStatus } from './dues.tables.ts';
import { contactsOf } from './member-views.ts';
import { providerAttemptsOf } from './payments.repository.ts';
import { toPayment, type Payment } from './payment-views.ts';

export interface PaymentQuery {
  readonly status?: PaymentStatus | undefined;
  readonly period?: string | undefined;
  readonly method?: PaymentMethod | undefined;
  readonly memberId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface StaffPayment extends Payment {
  readonly memberName: string;
  readonly memberPhone: string;
  readonly memberNumber: number;
}

export interface PaymentPage {
  readonly items: readonly StaffPayment[];
  readonly total: number;
}

function conditions(query: Omit<PaymentQuery, 'limit' | 'offset'>): SQL | undefined {
  if (query.period !== undefined && !isPeriod(query.period))
    throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  return and(
    query.status ? eq(payments.status, query.status) : undefined,
    query.period ? eq(payments.period, query.period) : undefined,
    query.method ? eq(payments.method, query.method) : undefined,
    query.memberId ? eq(payments.memberId, query.memberId) : undefined,
  );
}

/** Payments for staff: pending ones first (the cashier's queue), then newest first. */
export async function listPayments(
  executor: Executor,
  encryptor: Encryptor,
  query: PaymentQuery,
): Promise<PaymentPage> {
  const where = conditions(query);
  const [rows, [count]] = await Promise.all([
    executor
      .select({ payment: payments, member: members })
      .from(payments)
      .innerJoin(members, eq(members.id, payments.memberId))
      .where(where)
      .orderBy(sql`(${payments.status} = 'pending') DESC`, desc(payments.createdAt), desc(payments.id))
      .limit(query.limit)
      .offset(query.offset),
    executor
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(payments)
      .where(where),
  ]);
  const attempts = await providerAttemptsOf(
    executor,
    rows.map(({ payment }) => payment.id),
  );
  return {
    total: count?.total ?? 0,
    items: rows.map(({ payment, member }) => {
      const contacts = contactsOf(encryptor, member);
      return {
        ...toPayment(payment, attempts.get(payment.id)?.[0]),
        memberName: contacts.fullName,
        memberPhone: contacts.phone,
        memberNumber: member.number,
      };
    }),
  };
}

/** One payment with its member, as staff see it. */
export async function findStaffPayment(
  executor: Executor,
  encryptor: Encryptor,
  paymentId: string,
): Promise<StaffPayment | undefined> {
  const [row] = await executor
    .select({ payment: payments, member: members })
    .from(payments)
    .innerJoin(members, eq(members.id, payments.memberId))
    .where(eq(payments.id, paymentId));
  if (!row) return undefined;
  const attempts = await providerAttemptsOf(executor, [paymentId]);
  const contacts = contactsOf(encryptor, row.member);
  return {
    ...toPayment(row.payment, attempts.get(paymentId)?.[0]),
    memberName: contacts.fullName,
    memberPhone: contacts.phone,
    memberNumber: row.member.number,
  };
}

/** Every payment matching the filters with its member, for the CSV export (ordered by period). */
export async function paymentsForExport(
  executor: Executor,
  query: Omit<PaymentQuery, 'limit' | 'offset'>,
): Promise<{ payment: PaymentRow; member: typeof members.$inferSelect }[]> {
  return executor
    .select({ payment: payments, member: members })
    .from(payments)
    .innerJoin(members, eq(members.id, payments.memberId))
    .where(conditions(query))
    .orderBy(payments.period, members.number, payments.createdAt);
}
