import type { KycContext } from './kyc.context.ts';
import { casesDueForRetry } from './kyc.repository.ts';
import type { CaseRow } from './kyc.tables.ts';
import { createProviderSession, sendDocument, sendSelfie } from './provider-steps.ts';

const BATCH = 20;
/** A submission still without a session this long after it was made was interrupted (a crash). */
const STRANDED_AFTER_SECONDS = 120;
const ACTOR = 'system:kyc-retry';

/**
 * Repeats the provider call each parked case is waiting for (its `pending_step`); each failure
 * doubles the case's wait, up to an hour. Returns how many cases moved on.
 */
export async function retryProviderCalls(ctx: KycContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await casesDueForRetry(
    ctx.db,
    now,
    new Date(now.getTime() - STRANDED_AFTER_SECONDS * 1000),
    BATCH,
  );
  let recovered = 0;
  for (const kycCase of due) {
    const after = await retryOne(ctx, kycCase);
    if (after && after.status !== 'provider_unavailable') recovered += 1;
  }
  return recovered;
}

function retryOne(ctx: KycContext, kycCase: CaseRow): Promise<CaseRow | undefined> {
  if (kycCase.status === 'iin_submitted' || kycCase.pendingStep === 'create-session')
    return createProviderSession(ctx, kycCase, ACTOR);
  if (kycCase.pendingStep === 'upload-document') return sendDocument(ctx, kycCase, ACTOR);
  return sendSelfie(ctx, kycCase, ACTOR);
}
