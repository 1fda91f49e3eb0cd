import type { Tx } from '@sauda/platform';
import type { KycContext } from './kyc.context.ts';
import { findCase, findSubject } from './kyc.repository.ts';
import { canTransition, rejectionStatus } from './kyc-status.ts';
import type { CaseRow, PendingStep } from './kyc.tables.ts';
import {
  ProviderRequestError,
  ProviderSessionGoneError,
  ProviderUnavailableError,
} from './providers/kyc-provider.ts';
import { attemptsLeft } from './status-view.ts';
import { transition } from './transition.ts';

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3_600;

/** 30 s, 1 min, 2 min … capped at an hour: quick recovery from a blip, no hammering of an outage. */
export function retryDelaySeconds(retryCount: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.min(retryCount, 20), MAX_RETRY_SECONDS);
}

export const isProviderError = (error: unknown): boolean =>
  error instanceof ProviderUnavailableError ||
  error instanceof ProviderSessionGoneError ||
  error instanceof ProviderRequestError;

/**
 * What a failed provider call does to the case: a session the provider no longer knows ends the
 * attempt; anything else (outage, timeout, a refused request while configuration is being fixed)
 * parks the case in `provider_unavailable` with the step to retry and when. Other errors (ours,
 * the database's) are rethrown untouched.
 */
export async function recordProviderFailure(
  ctx: KycContext,
  caseId: string,
  step: PendingStep,
  error: unknown,
  actor: string,
): Promise<CaseRow | undefined> {
  if (!isProviderError(error)) throw error;
  const log = { caseId, step, err: error };
  if (error instanceof ProviderRequestError) ctx.logger?.error(log, 'KYC provider refused a request');
  else ctx.logger?.warn(log, 'KYC provider call failed');
  return ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, caseId, true);
    if (!current) return undefined;
    if (error instanceof ProviderSessionGoneError) return expireSession(ctx, tx, current, actor);
    if (!canTransition(current.status, 'provider_unavailable')) return current;
    const now = ctx.clock.now();
    const retryCount = current.status === 'provider_unavailable' ? current.retryCount + 1 : 0;
    return transition(ctx, tx, current, {
      to: 'provider_unavailable',
      reason: 'provider_unavailable',
      operation: current.status === 'provider_unavailable' ? 'provider-retry-failed' : 'provider-unavailable',
      actor,
      result: step,
      set: {
        pendingStep: step,
        retryCount,
        nextRetryAt: new Date(now.getTime() + retryDelaySeconds(retryCount) * 1000),
      },
    });
  });
}

async function expireSession(ctx: KycContext, tx: Tx, current: CaseRow, actor: string): Promise<CaseRow> {
  const to = rejectionStatus(
    'session_expired',
    attemptsLeft(await findSubject(tx, current.userId), ctx.settings),
  );
  if (!canTransition(current.status, to)) return current;
  return transition(ctx, tx, current, {
    to,
    reason: 'session_expired',
    operation: 'session-expired',
    actor,
    set: { pendingStep: null, nextRetryAt: null },
  });
}
