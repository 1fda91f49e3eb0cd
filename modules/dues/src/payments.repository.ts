import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { payments, providerPayments, type PaymentRow, type ProviderPaymentRow } from './dues.tables.ts';

export async function findPayment(
  executor: Executor,
  paymentId: string,
  lock = false,
): Promise<PaymentRow | undefined> {
  const query = executor.select().from(payments).where(eq(payments.id, paymentId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findPaymentInPeriod(
  executor: Executor,
  memberId: string,
  period: string,
  status: 'pending' | 'confirmed',
  lock = false,
): Promise<PaymentRow | undefined> {
  const query = executor
    .select()
    .from(payments)
    .where(and(eq(payments.memberId, memberId), eq(payments.period, period), eq(payments.status, status)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function paymentsOfMember(executor: Executor, memberId: string): Promise<PaymentRow[]> {
  return executor
    .select()
    .from(payments)
    .where(eq(payments.memberId, memberId))
    .orderBy(desc(payments.period), desc(payments.createdAt));
}

export async function providerAttemptsOf(
  executor: Executor,
  paymentIds: readonly string[],
): Promise<Map<string, ProviderPaymentRow[]>> {
  const result = new Map<string, ProviderPaymentRow[]>();
  if (paymentIds.length === 0) return result;
  const rows = await executor
    .select()
    .from(providerPayments)
    .where(inArray(providerPayments.paymentId, [...paymentIds]))
    .orderBy(desc(providerPayments.seq));
  for (const row of rows) result.set(row.paymentId, [...(result.get(row.paymentId) ?? []), row]);
  return result;
}

export async function findProviderPayment(
  executor: Executor,
  provider: string,
  providerPaymentId: string,
  lock = false,
): Promise<ProviderPaymentRow | undefined> {
  const query = executor
    .select()
    .from(providerPayments)
    .where(
      and(eq(providerPayments.provider, provider), eq(providerPayments.providerPaymentId, providerPaymentId)),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row;
}
