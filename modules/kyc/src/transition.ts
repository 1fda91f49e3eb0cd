import { AppError, publishEvent, type Tx } from '@sauda/platform';
import { recordJournal, type JournalOperation } from './journal/kyc-journal.ts';
import type { KycContext } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { KycStatusChanged, KycVerificationRevoked, KycVerified } from './kyc.events.ts';
import { updateCaseIf, updateSubject, type CaseStatus } from './kyc.repository.ts';
import { assertTransition, type KycReason } from './kyc-status.ts';
import type { CaseRow } from './kyc.tables.ts';

export interface TransitionInput {
  readonly to: CaseStatus;
  /** Why the case is in its new state; null clears the previous reason. */
  readonly reason: KycReason | null;
  readonly operation: JournalOperation;
  readonly actor: string;
  /** A short outcome for the journal (`approved`, `unreadable`, `create-session`...). */
  readonly result?: string | undefined;
  readonly set?: Partial<Omit<CaseRow, 'id' | 'userId' | 'status' | 'reason'>>;
}

/**
 * The only way a case changes state: checks the move against the state machine, applies it as a
 * compare-and-set on the current status, journals it and publishes the events, all in `tx`.
 */
export async function transition(
  ctx: KycContext,
  tx: Tx,
  current: CaseRow,
  input: TransitionInput,
): Promise<CaseRow> {
  assertTransition(current.status, input.to);
  const now = ctx.clock.now();
  const updated = await updateCaseIf(tx, current.id, current.status, {
    ...input.set,
    status: input.to,
    reason: input.reason,
    updatedAt: now,
    ...(input.to === 'verified' ? { verifiedAt: now } : {}),
  });
  if (!updated) throw new AppError(KycErrors.KYC_CONCURRENT_CHANGE);
  await recordJournal(tx, ctx.clock, {
    actor: input.actor,
    operation: input.operation,
    caseId: updated.id,
    userId: updated.userId,
    maskedIin: updated.iinMasked,
    fromStatus: current.status,
    toStatus: updated.status,
    result: input.result,
    reason: updated.reason ?? undefined,
    providerReference: updated.providerSessionId ?? undefined,
  });
  if (current.status !== updated.status) {
    await publishEvent(tx, KycStatusChanged, {
      userId: updated.userId,
      caseId: updated.id,
      status: updated.status,
      reason: updated.reason,
    });
  }
  if (updated.status === 'verified') {
    await updateSubject(tx, updated.userId, { verifiedCaseId: updated.id, updatedAt: now });
    await publishEvent(tx, KycVerified, { userId: updated.userId, caseId: updated.id });
  }
  if (current.status === 'verified' && updated.status !== 'verified') {
    await updateSubject(tx, updated.userId, { verifiedCaseId: null, updatedAt: now });
    await publishEvent(tx, KycVerificationRevoked, { userId: updated.userId, caseId: updated.id });
  }
  return updated;
}
