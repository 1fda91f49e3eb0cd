import type { KycContext } from './kyc.context.ts';
import { applyDecision } from './apply-decision.ts';
import { casesToPoll, findCase, updateCase } from './kyc.repository.ts';
import { recordProviderFailure } from './provider-failure.ts';
import { ProviderSessionGoneError, type ProviderDecision } from './providers/kyc-provider.ts';

/** A case is polled at most this often: webhooks normally arrive first. */
export const POLL_INTERVAL_SECONDS = 30;
const BATCH = 50;

/**
 * The fallback for lost webhooks: asks the provider about cases waiting for a decision. Returns
 * how many cases were decided. A provider outage leaves the cases waiting for the next run.
 */
export async function pollDecisions(ctx: KycContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await casesToPoll(ctx.db, new Date(now.getTime() - POLL_INTERVAL_SECONDS * 1000), BATCH);
  let decided = 0;
  for (const kycCase of due) {
    let decision: ProviderDecision;
    try {
      decision = await ctx.provider.fetchResult(kycCase.providerSessionId ?? '');
    } catch (error) {
      await updateCase(ctx.db, kycCase.id, { lastPolledAt: now });
      // Only a session the provider forgot changes the case; an outage just waits for the next run.
      if (error instanceof ProviderSessionGoneError)
        await recordProviderFailure(ctx, kycCase.id, 'submit-liveness', error, 'system:kyc-poll');
      else ctx.logger?.warn({ caseId: kycCase.id, err: error }, 'KYC result poll failed');
      continue;
    }
    const applied = await ctx.db.transaction(async (tx) => {
      const current = await findCase(tx, kycCase.id, true);
      if (!current) return undefined;
      await updateCase(tx, current.id, { lastPolledAt: now });
      return applyDecision(ctx, tx, current, decision, 'polling', 'system:kyc-poll');
    });
    if (applied && applied.status !== 'state_check') decided += 1;
  }
  return decided;
}
