import { AppError } from '@sauda/platform';
import { applyDecision } from './apply-decision.ts';
import type { KycContext } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { claimProviderEvent, findCaseBySession } from './kyc.repository.ts';
import { WebhookRejected, type WebhookInput } from './providers/kyc-provider.ts';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

const REJECTIONS = {
  signature: KycErrors.KYC_WEBHOOK_SIGNATURE_INVALID,
  stale: KycErrors.KYC_WEBHOOK_STALE,
  malformed: KycErrors.KYC_WEBHOOK_MALFORMED,
} as const;

/**
 * A decision pushed by the provider. The signature and replay window are checked by the adapter;
 * the event id is claimed in the same transaction as its effect, so a redelivery inside the window
 * is answered 200 without being applied twice.
 */
export async function receiveWebhook(ctx: KycContext, input: WebhookInput): Promise<WebhookOutcome> {
  let webhook;
  try {
    webhook = ctx.provider.parseWebhook(input);
  } catch (error) {
    if (error instanceof WebhookRejected) throw new AppError(REJECTIONS[error.kind]);
    throw error;
  }
  const { provider } = ctx;
  return ctx.db.transaction(async (tx) => {
    const claimed = await claimProviderEvent(tx, {
      provider: provider.name,
      eventId: webhook.eventId,
      sessionId: webhook.sessionId,
      receivedAt: ctx.clock.now(),
    });
    if (!claimed) return 'duplicate';
    const kycCase = await findCaseBySession(tx, provider.name, webhook.sessionId);
    if (!kycCase) {
      ctx.logger?.warn({ sessionId: webhook.sessionId }, 'KYC webhook for an unknown provider session');
      return 'ignored';
    }
    await applyDecision(ctx, tx, kycCase, webhook.decision, 'webhook', `provider:${provider.name}`);
    return 'applied';
  });
}
