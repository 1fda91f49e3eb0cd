import { randomInt } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { addMonths, AppError, isPeriod, newId, periodOf, translate, type Tx } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import {
  payments,
  providerPayments,
  type MemberRow,
  type PaymentMethod,
  type PaymentRow,
} from './dues.tables.ts';
import { confirmLocked } from './confirm-payment.ts';
import { loadFeeSchedule } from './fee-schedule.ts';
import { findMember, violatedConstraint } from './members.repository.ts';
import { findPaymentInPeriod } from './payments.repository.ts';
import { ProviderRequestError, ProviderUnavailableError } from './providers/payment-provider.ts';
import { loadSettings } from './settings.ts';

// Crockford's alphabet without the letters people confuse (I, L, O, U).
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What a member writes in the transfer's comment: `D-` and eight characters, unique per payment. */
export function newReference(): string {
  let code = '';
  for (let index = 0; index < 8; index += 1)
    code += REFERENCE_ALPHABET.charAt(randomInt(REFERENCE_ALPHABET.length));
  return `D-${code}`;
}

/** The months a member may pay online now: the window around the current month, not before joining. */
export function payableWindow(
  member: Pick<MemberRow, 'joinedPeriod'>,
  now: Date,
  settings: { previousMonths: number; futureMonths: number },
): { from: string; to: string } {
  const current = periodOf(now);
  const earliest = addMonths(current, -settings.previousMonths);
  return {
    from:
      member.joinedPeriod > earliest
        ? member.joinedPeriod > current
          ? current
          : member.joinedPeriod
        : earliest,
    to: addMonths(current, settings.futureMonths),
  };
}

export async function insertPending(
  ctx: DuesContext,
  tx: Tx,
  actor: Actor,
  member: MemberRow,
  period: string,
  method: PaymentMethod,
  note: string | null,
): Promise<PaymentRow> {
  const fee = (await loadFeeSchedule(tx)).forPeriod(period);
  const now = ctx.clock.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      // A savepoint: a reference collision (one in 10^12) is retried without losing the transaction.
      const row = await tx.transaction(async (savepoint) => {
        const [inserted] = await savepoint
          .insert(payments)
          .values({
            id: newId('dpy'),
            memberId: member.id,
            period,
            amount: fee.amount.toString(),
            currency: fee.currency,
            status: 'pending',
            method,
            reference: newReference(),
            note,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        return inserted;
      });
      if (!row) throw new Error('payment was not stored');
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'dues.payment-created',
        entityType: 'dues-payment',
        entityId: row.id,
        after: {
          memberId: member.id,
          period,
          amount: row.amount,
          currency: row.currency,
          method,
          status: 'pending',
        },
        context: actor.context,
      });
      return row;
    } catch (error) {
      if (violatedConstraint(error) !== 'payments_reference_key' || attempt >= 3) throw error;
    }
  }
}

/**
 * The member's "pay" button: one open payment per member and period, reused when pressed again (its
 * method follows the last choice). Refused for a period already confirmed, outside the payable
 * window, or for a blocked membership.
 */
export async function startPayment(
  ctx: DuesContext,
  actor: Actor,
  memberId: string,
  request: { readonly period: string; readonly method: 'kaspi_qr' | 'kaspi_transfer' },
): Promise<PaymentRow> {
  if (!isPeriod(request.period)) throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  const settings = await loadSettings(ctx.db);
  if (request.method === 'kaspi_qr' && !ctx.provider)
    throw new AppError(DuesErrors.DUES_PROVIDER_NOT_CONFIGURED);
  if (request.method === 'kaspi_transfer' && !settings.requisites)
    throw new AppError(DuesErrors.DUES_REQUISITES_NOT_CONFIGURED);
  const payment = await ctx.db.transaction(async (tx) => {
    const member = await findMember(tx, memberId, true);
    if (!member) throw new AppError(DuesErrors.DUES_MEMBER_NOT_FOUND);
    if (member.staffStatus === 'blocked')
      throw new AppError(DuesErrors.DUES_MEMBER_BLOCKED, {
        params: { reason: member.staffStatusReason ?? '' },
      });
    const window = payableWindow(member, ctx.clock.now(), settings);
    if (request.period < window.from || request.period > window.to)
      throw new AppError(DuesErrors.DUES_PERIOD_NOT_PAYABLE, {
        params: { period: request.period, ...window },
      });
    if (await findPaymentInPeriod(tx, member.id, request.period, 'confirmed'))
      throw new AppError(DuesErrors.DUES_PERIOD_ALREADY_PAID, { params: { period: request.period } });
    const open = await findPaymentInPeriod(tx, member.id, request.period, 'pending', true);
    if (!open) return insertPending(ctx, tx, actor, member, request.period, request.method, null);
    if (open.method === request.method) return open;
    const [switched] = await tx
      .update(payments)
      .set({ method: request.method, updatedAt: ctx.clock.now() })
      .where(eq(payments.id, open.id))
      .returning();
    return switched ?? open;
  });
  if (payment.method === 'kaspi_qr') await ensureProviderAttempt(ctx, payment, settings.communityName);
  return payment;
}

/**
 * A QR or link at the provider for a pending payment: the newest attempt while it is still open,
 * otherwise a new one. The attempt number is part of the provider's idempotency key, so a retry
 * after a lost answer gets the same provider payment back.
 */
async function ensureProviderAttempt(
  ctx: DuesContext,
  payment: PaymentRow,
  communityName: Parameters<typeof translate>[0],
): Promise<void> {
  const provider = ctx.provider;
  if (!provider) return;
  const attempts = await ctx.db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.paymentId, payment.id), eq(providerPayments.provider, provider.name)))
    .orderBy(desc(providerPayments.seq));
  const now = ctx.clock.now();
  const open = attempts.find((row) => row.status === 'created' && (!row.expiresAt || row.expiresAt > now));
  if (open) return;
  let created;
  try {
    created = await provider.createPayment({
      externalId: `${payment.id}.${attempts.length + 1}`,
      amount: BigInt(payment.amount),
      currency: payment.currency,
      description: `${translate(communityName, 'ru')}: ${payment.period} ${payment.reference}`,
      // The web app's cabinet; the language-less path redirects to the payer's language.
      returnUrl: `${ctx.publicUrl}/dues/cabinet`,
      callbackUrl: ctx.webhookUrl,
    });
  } catch (error) {
    if (error instanceof ProviderUnavailableError || error instanceof ProviderRequestError) {
      ctx.logger?.warn({ err: error, paymentId: payment.id }, 'payment provider refused to create a payment');
      throw new AppError(DuesErrors.DUES_PROVIDER_UNAVAILABLE, {
        cause: error,
        headers: { 'retry-after': '30' },
      });
    }
    throw error;
  }
  await ctx.db
    .insert(providerPayments)
    .values({
      provider: provider.name,
      providerPaymentId: created.providerPaymentId,
      paymentId: payment.id,
      status: 'created',
      qrPayload: created.qrPayload,
      paymentUrl: created.paymentUrl,
      expiresAt: created.expiresAt,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

export interface ManualEntry {
  readonly memberId: string;
  readonly period: string;
  readonly method: PaymentMethod;
  readonly note?: string | undefined;
}

/**
 * A payment staff record by hand (cash, a transfer seen in the bank statement): confirmed at once.
 * An open payment of the member for that period is the one confirmed, so nothing is counted twice.
 */
export async function recordManualPayment(
  ctx: DuesContext,
  actor: Actor,
  entry: ManualEntry,
): Promise<PaymentRow> {
  if (!isPeriod(entry.period)) throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  const note = entry.note?.trim() ? entry.note.trim().slice(0, 1000) : null;
  return ctx.db.transaction(async (tx) => {
    const member = await findMember(tx, entry.memberId, true);
    if (!member) throw new AppError(DuesErrors.DUES_MEMBER_NOT_FOUND);
    if (await findPaymentInPeriod(tx, member.id, entry.period, 'confirmed'))
      throw new AppError(DuesErrors.DUES_PERIOD_ALREADY_PAID, { params: { period: entry.period } });
    const open = await findPaymentInPeriod(tx, member.id, entry.period, 'pending', true);
    let payment = open;
    if (open) {
      const [updated] = await tx
        .update(payments)
        .set({ method: entry.method, note: note ?? open.note, updatedAt: ctx.clock.now() })
        .where(eq(payments.id, open.id))
        .returning();
      payment = updated;
    }
    payment ??= await insertPending(ctx, tx, actor, member, entry.period, entry.method, note);
    return confirmLocked(ctx, tx, actor, payment, member);
  });
}
