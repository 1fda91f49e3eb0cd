import { BlockList, isIP } from 'node:net';
import { and, asc, eq, gte } from 'drizzle-orm';
import { AppError, isAppError, type Tx } from '@sauda/platform';
import { confirmLocked } from './confirm-payment.ts';
import type { DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { providerEvents, providerPayments, type ProviderPaymentRow } from './dues.tables.ts';
import { findMember } from './members.repository.ts';
import { findPayment, findProviderPayment } from './payments.repository.ts';
import {
  ProviderRequestError,
  ProviderUnavailableError,
  WebhookRejected,
  type ProviderPaymentState,
  type WebhookInput,
} from './providers/payment-provider.ts';

export type SyncOutcome = 'applied' | 'duplicate' | 'ignored';

const REJECTIONS = {
  signature: DuesErrors.DUES_WEBHOOK_SIGNATURE_INVALID,
  stale: DuesErrors.DUES_WEBHOOK_STALE,
  malformed: DuesErrors.DUES_WEBHOOK_MALFORMED,
} as const;

/** Addresses (`10.0.0.5`) and networks (`10.0.0.0/24`, IPv4 or IPv6) allowed to post webhooks. */
export function allowListOf(entries: readonly string[]): ((ip: string) => boolean) | undefined {
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (ip) => {
    const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    const type = isIP(plain);
    return type !== 0 && list.check(plain, type === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * Applies what the provider says about one of its payments, with the attempt, the member and the
 * payment locked. Paid confirms the payment (once: confirming a confirmed payment changes nothing),
 * but only for the exact amount and currency; failed and expired close the attempt so the member
 * can get a new QR.
 */
export async function applyProviderState(
  ctx: DuesContext,
  tx: Tx,
  provider: string,
  providerPaymentId: string,
  state: ProviderPaymentState,
): Promise<SyncOutcome> {
  const attempt = await findProviderPayment(tx, provider, providerPaymentId, true);
  if (!attempt) {
    ctx.logger?.warn({ provider, providerPaymentId }, 'provider status for an unknown payment');
    return 'ignored';
  }
  if (state.status === 'pending') return 'ignored';
  const setAttempt = (status: ProviderPaymentRow['status']) =>
    tx
      .update(providerPayments)
      .set({ status, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(providerPayments.provider, provider),
          eq(providerPayments.providerPaymentId, providerPaymentId),
        ),
      );
  if (state.status !== 'paid') {
    if (attempt.status !== 'created') return 'ignored';
    await setAttempt(state.status);
    return 'applied';
  }
  const peek = await findPayment(tx, attempt.paymentId);
  const member = peek ? await findMember(tx, peek.memberId, true) : undefined;
  const payment = await findPayment(tx, attempt.paymentId, true);
  if (!payment || !member) return 'ignored';
  const amountMatches =
    (state.amount === undefined || state.amount === BigInt(payment.amount)) &&
    (state.currency === undefined || state.currency === payment.currency);
  if (!amountMatches) {
    ctx.logger?.error(
      { paymentId: payment.id, provider },
      'provider reports a paid amount that differs from the dues',
    );
    await setAttempt('amount-mismatch');
    return 'applied';
  }
  await setAttempt('paid');
  if (payment.status !== 'pending') {
    if (payment.status !== 'confirmed')
      ctx.logger?.error(
        { paymentId: payment.id, status: payment.status },
        'provider payment arrived for a closed payment',
      );
    return 'applied';
  }
  try {
    // A savepoint: if the period was meanwhile paid another way, the attempt still records the money.
    await tx.transaction((savepoint) =>
      confirmLocked(ctx, savepoint, { id: `provider:${provider}` }, payment, member),
    );
  } catch (error) {
    if (!isAppError(error) || error.code !== DuesErrors.DUES_PERIOD_ALREADY_PAID) throw error;
    ctx.logger?.error({ paymentId: payment.id }, 'paid online for a period already confirmed: refund needed');
  }
  return 'applied';
}

/**
 * A webhook of the provider: source address, signature and replay window checked first (nothing
 * changes otherwise); the event id is claimed in the same transaction as its effect, so a replay is
 * answered 200 and changes nothing.
 */
export async function receiveProviderWebhook(
  ctx: DuesContext,
  input: WebhookInput & { readonly ip: string },
): Promise<SyncOutcome> {
  const provider = ctx.provider;
  if (!provider) throw new AppError(DuesErrors.DUES_WEBHOOK_SIGNATURE_INVALID);
  const allowed = allowListOf(ctx.webhookAllowedIps);
  if (allowed && !allowed(input.ip)) throw new AppError(DuesErrors.DUES_WEBHOOK_SOURCE_FORBIDDEN);
  let webhook;
  try {
    webhook = provider.parseWebhook(input);
  } catch (error) {
    if (error instanceof WebhookRejected) throw new AppError(REJECTIONS[error.kind]);
    throw error;
  }
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(providerEvents)
      .values({ provider: provider.name, eventId: webhook.eventId, receivedAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!claimed) return 'duplicate';
    return applyProviderState(ctx, tx, provider.name, webhook.providerPaymentId, webhook.state);
  });
}

const RECONCILE_WINDOW_MS = 7 * 86_400_000;
const EXPIRED_GRACE_MS = 60 * 60_000;

/**
 * The reconciliation job: asks the provider about every open attempt of the last week, so a payment
 * whose webhook was lost (or a provider that pushes nothing) still confirms. Attempts the provider
 * still calls pending an hour after they expired are closed.
 */
export async function reconcilePayments(ctx: DuesContext): Promise<{ checked: number; applied: number }> {
  const provider = ctx.provider;
  if (!provider) return { checked: 0, applied: 0 };
  const now = ctx.clock.now();
  const open = await ctx.db
    .select()
    .from(providerPayments)
    .where(
      and(
        eq(providerPayments.provider, provider.name),
        eq(providerPayments.status, 'created'),
        gte(providerPayments.createdAt, new Date(now.getTime() - RECONCILE_WINDOW_MS)),
      ),
    )
    .orderBy(asc(providerPayments.createdAt))
    .limit(500);
  let applied = 0;
  for (const attempt of open) {
    let state: ProviderPaymentState;
    try {
      state = await provider.fetchStatus(attempt.providerPaymentId);
    } catch (error) {
      if (error instanceof ProviderUnavailableError) break;
      if (error instanceof ProviderRequestError) {
        ctx.logger?.warn(
          { err: error, providerPaymentId: attempt.providerPaymentId },
          'provider refused a status check',
        );
        continue;
      }
      throw error;
    }
    if (
      state.status === 'pending' &&
      attempt.expiresAt &&
      now.getTime() - attempt.expiresAt.getTime() > EXPIRED_GRACE_MS
    )
      state = { status: 'expired' };
    const outcome = await ctx.db.transaction((tx) =>
      applyProviderState(ctx, tx, provider.name, attempt.providerPaymentId, state),
    );
    if (outcome === 'applied') applied += 1;
  }
  return { checked: open.length, applied };
}
