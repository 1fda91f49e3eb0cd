import { ageOn, type Tx } from '@sauda/platform';
import type { KycContext } from './kyc.context.ts';
import { isUniqueViolation, lockSubject, verifiedElsewhere } from './kyc.repository.ts';
import { IN_FLIGHT, rejectionStatus, type KycReason } from './kyc-status.ts';
import type { CaseRow } from './kyc.tables.ts';
import { decryptIin, personContext } from './provider-steps.ts';
import type { ProviderDecision, ProviderDeclineReason } from './providers/kyc-provider.ts';
import { attemptsLeft } from './status-view.ts';
import { transition, type TransitionInput } from './transition.ts';

const DECLINE_REASONS: Readonly<Record<ProviderDeclineReason, KycReason>> = {
  document_unreadable: 'document_unreadable',
  document_expired: 'document_expired',
  document_forged: 'fraud_suspected',
  liveness_failed: 'liveness_failed',
  face_mismatch: 'face_mismatch',
  person_not_found: 'person_not_found',
  person_deceased: 'person_inactive',
  data_mismatch: 'state_db_mismatch',
  other: 'provider_declined',
};

/**
 * Turns the provider's decision into the case's outcome, inside `tx` with the case locked. A
 * decision for a case that is no longer waiting (a late webhook after polling, a redelivery) is
 * ignored. Approval is re-checked on our side: the state database's IIN must be the one entered,
 * the person adult, resident per policy, and not verified on another account.
 */
export async function applyDecision(
  ctx: KycContext,
  tx: Tx,
  kycCase: CaseRow,
  decision: ProviderDecision,
  source: 'webhook' | 'polling',
  actor: string,
): Promise<CaseRow> {
  if (decision.outcome === 'pending' || !IN_FLIGHT.includes(kycCase.status)) return kycCase;
  const now = ctx.clock.now();
  const left = attemptsLeft(await lockSubject(tx, kycCase.userId, now), ctx.settings);
  const base = {
    operation: 'result-received' as const,
    actor,
    result: `${decision.outcome} by ${source}`,
  };
  const set: TransitionInput['set'] = {
    providerChecks: { ...decision.checks },
    pendingStep: null,
    nextRetryAt: null,
    lastPolledAt: now,
  };
  const reject = (reason: KycReason) =>
    transition(ctx, tx, kycCase, { ...base, set, to: rejectionStatus(reason, left), reason });
  const review = (reason: KycReason) =>
    transition(ctx, tx, kycCase, { ...base, set, to: 'manual_review', reason });

  if (decision.outcome === 'review') return review('provider_review');
  if (decision.outcome === 'declined') return reject(DECLINE_REASONS[decision.reasons[0] ?? 'other']);

  const { person } = decision;
  set.personCiphertext = ctx.encryptor.encrypt(JSON.stringify(person), personContext(kycCase.id));
  if (person.iin !== decryptIin(ctx, kycCase)) return reject('iin_mismatch');
  if (ageOn(person.birthDate, now) < 18) return reject('minor');
  if (!person.resident || !kycCase.declaredResident) {
    if (ctx.settings.nonResidents === 'reject')
      return transition(ctx, tx, kycCase, { ...base, set, to: 'rejected_final', reason: 'non_resident' });
    if (ctx.settings.nonResidents === 'review') return review('non_resident');
  }
  if (kycCase.iinIndex && (await verifiedElsewhere(tx, kycCase.iinIndex, kycCase.userId)))
    return review('duplicate_iin');
  try {
    // A savepoint: if another account got verified with this IIN a moment ago, the unique index
    // refuses, and the case goes to review instead of failing the whole transaction.
    return await tx.transaction((savepoint) =>
      transition(ctx, savepoint, kycCase, { ...base, set, to: 'verified', reason: null }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return review('duplicate_iin');
  }
}
