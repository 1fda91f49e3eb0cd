import { and, eq } from 'drizzle-orm';
import { AppError, isPeriod, publishEvent, type Tx } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { PaymentConfirmed, PaymentRefunded } from './dues.events.ts';
import { payments, type MemberRow, type PaymentRow } from './dues.tables.ts';
import {
  DUES_TRANSFER_CODE,
  duesTransferId,
  memberAccount,
  refundTransferId,
  treasuryAccount,
} from './ledger-accounts.ts';
import { formatAmount, notifyMember } from './member-messages.ts';
import { findMember, violatedConstraint } from './members.repository.ts';
import { findPayment, findPaymentInPeriod } from './payments.repository.ts';
import { PaymentConfirmedMessage, PaymentRejectedMessage } from './dues.templates.ts';

export interface ConfirmOptions {
  /** Move the payment to another period on confirmation (the member paid for the wrong month). */
  readonly period?: string | undefined;
  /** Tell the member (default); imports of past months do not. */
  readonly notify?: boolean | undefined;
}

const paymentAudit = (row: PaymentRow) => ({
  status: row.status,
  period: row.period,
  amount: row.amount,
  currency: row.currency,
  method: row.method,
});

/**
 * Confirms a pending payment inside the caller's transaction, with the member and the payment locked:
 * the member's money moves to the treasury in the ledger (transfer id = payment id, so a retry is a
 * replay), the partial unique index guarantees one confirmed payment per member and period, and the
 * member is told. An already confirmed payment is returned as it is, so retries are harmless.
 */
export async function confirmLocked(
  ctx: DuesContext,
  tx: Tx,
  actor: Actor,
  payment: PaymentRow,
  member: MemberRow,
  options: ConfirmOptions = {},
): Promise<PaymentRow> {
  if (payment.status === 'confirmed' && (!options.period || options.period === payment.period))
    return payment;
  if (payment.status !== 'pending')
    throw new AppError(DuesErrors.DUES_PAYMENT_NOT_PENDING, { params: { status: payment.status } });
  const period = options.period ?? payment.period;
  if (!isPeriod(period)) throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  if (await findPaymentInPeriod(tx, member.id, period, 'confirmed'))
    throw new AppError(DuesErrors.DUES_PERIOD_ALREADY_PAID, { params: { period } });
  const now = ctx.clock.now();
  const transferId = duesTransferId(payment.id);
  const [debit, credit] = [
    await memberAccount(ctx.ledger, tx, member.id, payment.currency),
    await treasuryAccount(ctx.ledger, tx, payment.currency),
  ];
  let confirmed: PaymentRow | undefined;
  try {
    // A savepoint, so that losing a race on the unique index leaves the caller's transaction usable.
    confirmed = await tx.transaction(async (savepoint) => {
      const [row] = await savepoint
        .update(payments)
        .set({
          status: 'confirmed',
          period,
          confirmedBy: actor.id,
          confirmedAt: now,
          ledgerTransferId: transferId,
          updatedAt: now,
        })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
        .returning();
      return row;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === 'payments_one_confirmed' || constraint === 'payments_one_pending')
      throw new AppError(DuesErrors.DUES_PERIOD_ALREADY_PAID, { params: { period } });
    throw error;
  }
  if (!confirmed) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_PENDING, { params: { status: 'unknown' } });
  await ctx.ledger.createTransfer(
    {
      id: transferId,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amount: BigInt(payment.amount),
      code: DUES_TRANSFER_CODE,
      metadata: { member: member.id, period, payment: payment.id },
    },
    { executor: tx },
  );
  await ctx.audit.record(tx, {
    actor: actor.id,
    action: 'dues.payment-confirmed',
    entityType: 'dues-payment',
    entityId: payment.id,
    before: paymentAudit(payment),
    after: { ...paymentAudit(confirmed), ledgerTransferId: transferId, memberId: member.id },
    context: actor.context,
  });
  await publishEvent(tx, PaymentConfirmed, {
    paymentId: payment.id,
    memberId: member.id,
    period,
    amount: payment.amount,
    currency: payment.currency,
  });
  if (options.notify !== false)
    await notifyMember(ctx, tx, member, PaymentConfirmedMessage, {
      period,
      amount: formatAmount(BigInt(payment.amount), payment.currency, member.locale),
    });
  return confirmed;
}

/** Locks the payment and its member (member first, the order every writer uses) in a new transaction. */
export async function withLockedPayment<T>(
  ctx: DuesContext,
  paymentId: string,
  work: (tx: Tx, payment: PaymentRow, member: MemberRow) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const peek = await findPayment(tx, paymentId);
    if (!peek) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
    const member = await findMember(tx, peek.memberId, true);
    const payment = await findPayment(tx, paymentId, true);
    if (!member || !payment) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
    return work(tx, payment, member);
  });
}

export function confirmPayment(
  ctx: DuesContext,
  actor: Actor,
  paymentId: string,
  options: ConfirmOptions = {},
): Promise<PaymentRow> {
  return withLockedPayment(ctx, paymentId, (tx, payment, member) =>
    confirmLocked(ctx, tx, actor, payment, member, options),
  );
}

const cleanReason = (reason: string): string => {
  const text = reason.trim();
  if (text.length < 1 || text.length > 500) throw new AppError(DuesErrors.DUES_REASON_REQUIRED);
  return text;
};

export function rejectPayment(
  ctx: DuesContext,
  actor: Actor,
  paymentId: string,
  reason: string,
): Promise<PaymentRow> {
  const why = cleanReason(reason);
  return withLockedPayment(ctx, paymentId, async (tx, payment, member) => {
    if (payment.status === 'rejected') return payment;
    if (payment.status !== 'pending')
      throw new AppError(DuesErrors.DUES_PAYMENT_NOT_PENDING, { params: { status: payment.status } });
    const now = ctx.clock.now();
    const [row] = await tx
      .update(payments)
      .set({
        status: 'rejected',
        rejectedBy: actor.id,
        rejectedAt: now,
        rejectionReason: why,
        updatedAt: now,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    if (!row) throw new Error('payment vanished while locked');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.payment-rejected',
      entityType: 'dues-payment',
      entityId: payment.id,
      before: paymentAudit(payment),
      after: { ...paymentAudit(row), reason: why },
      context: actor.context,
    });
    await notifyMember(ctx, tx, member, PaymentRejectedMessage, { period: row.period, reason: why });
    return row;
  });
}

/**
 * Records that a confirmed payment was given back: the ledger transfer is reversed (once: the
 * reversal id is derived from the payment) and the period is unpaid again.
 */
export function refundPayment(
  ctx: DuesContext,
  actor: Actor,
  paymentId: string,
  reason: string,
): Promise<PaymentRow> {
  const why = cleanReason(reason);
  return withLockedPayment(ctx, paymentId, async (tx, payment, member) => {
    if (payment.status === 'refunded') return payment;
    if (payment.status !== 'confirmed' || !payment.ledgerTransferId)
      throw new AppError(DuesErrors.DUES_PAYMENT_NOT_CONFIRMED, { params: { status: payment.status } });
    await ctx.ledger.reverseTransfer(
      {
        id: refundTransferId(payment.id),
        transferId: payment.ledgerTransferId,
        metadata: { member: member.id, period: payment.period, payment: payment.id },
      },
      { executor: tx },
    );
    const now = ctx.clock.now();
    const [row] = await tx
      .update(payments)
      .set({ status: 'refunded', refundedBy: actor.id, refundedAt: now, refundReason: why, updatedAt: now })
      .where(eq(payments.id, payment.id))
      .returning();
    if (!row) throw new Error('payment vanished while locked');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.payment-refunded',
      entityType: 'dues-payment',
      entityId: payment.id,
      before: paymentAudit(payment),
      after: { ...paymentAudit(row), reason: why, reversal: refundTransferId(payment.id) },
      context: actor.context,
    });
    await publishEvent(tx, PaymentRefunded, {
      paymentId: payment.id,
      memberId: member.id,
      period: row.period,
    });
    return row;
  });
}

export interface BulkOutcome {
  readonly paymentId: string;
  readonly status: 'confirmed' | 'failed';
  readonly code: string | null;
  readonly message: string | null;
}

/** Confirms each payment in its own transaction, so one failure does not hold back the others. */
export async function confirmPayments(
  ctx: DuesContext,
  actor: Actor,
  paymentIds: readonly string[],
  describe: (error: AppError) => string,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const paymentId of new Set(paymentIds)) {
    try {
      await confirmPayment(ctx, actor, paymentId);
      outcomes.push({ paymentId, status: 'confirmed', code: null, message: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ paymentId, status: 'failed', code: error.code, message: describe(error) });
    }
  }
  return outcomes;
}
