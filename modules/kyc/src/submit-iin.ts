import { ageOn, AppError, newId, publishEvent, translate, type Locale } from '@sauda/platform';
import { KYC_CONSENT } from './consent.ts';
import { checkIin, maskIin } from './iin.ts';
import { recordJournal } from './journal/kyc-journal.ts';
import type { KycActor, KycContext } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { KycStatusChanged } from './kyc.events.ts';
import { findCase, insertCase, lockSubject, updateSubject, verifiedElsewhere } from './kyc.repository.ts';
import { rejectionStatus } from './kyc-status.ts';
import type { CaseRow } from './kyc.tables.ts';
import { IIN_REASON_TEXTS } from './kyc-texts.ts';
import { createProviderSession, encryptIin } from './provider-steps.ts';
import { attemptsLeft } from './status-view.ts';
import { transition } from './transition.ts';

export const IIN_INDEX_PURPOSE = 'kyc.iin';
const ADULT_AGE = 18;

export interface SubmitIinInput {
  readonly iin: string;
  readonly consentVersion: string;
  /** The person's own declaration; the state database has the last word. */
  readonly resident: boolean;
  readonly locale: Locale;
}

/**
 * Starts an attempt: consent, IIN, then the pre-checks that need no provider (a valid IIN, adult,
 * residency policy, not verified on another account), then the provider session.
 */
export async function submitIin(ctx: KycContext, actor: KycActor, input: SubmitIinInput): Promise<void> {
  if (input.consentVersion !== KYC_CONSENT.version)
    throw new AppError(KycErrors.KYC_CONSENT_OUTDATED, { params: { version: KYC_CONSENT.version } });
  const now = ctx.clock.now();
  const check = checkIin(input.iin, now);
  if (!check.valid) {
    throw new AppError(KycErrors.KYC_IIN_INVALID, {
      errors: [{ path: 'body/iin', message: translate(IIN_REASON_TEXTS[check.reason], input.locale) }],
    });
  }
  const { userId } = actor;
  const iinIndex = ctx.encryptor.blindIndex(input.iin, IIN_INDEX_PURPOSE);
  const submitted = await ctx.db.transaction(async (tx): Promise<CaseRow> => {
    const subject = await lockSubject(tx, userId, now);
    const previous = subject.currentCaseId ? await findCase(tx, subject.currentCaseId) : undefined;
    if (previous?.status === 'verified') throw new AppError(KycErrors.KYC_ALREADY_VERIFIED);
    if (previous?.status === 'rejected_final') throw new AppError(KycErrors.KYC_REJECTED_FINAL);
    if (previous && previous.status !== 'rejected') throw new AppError(KycErrors.KYC_IN_PROGRESS);
    if (attemptsLeft(subject, ctx.settings) <= 0) throw new AppError(KycErrors.KYC_ATTEMPTS_EXHAUSTED);

    const caseId = newId('kyc');
    const attempt = subject.attemptsUsed + 1;
    const kycCase = await insertCase(tx, {
      id: caseId,
      userId,
      attempt,
      status: 'iin_submitted',
      iinCiphertext: encryptIin(ctx, caseId, input.iin),
      iinIndex,
      iinMasked: maskIin(input.iin),
      consentVersion: input.consentVersion,
      consentGivenAt: now,
      declaredResident: input.resident,
      provider: ctx.provider.name,
      createdAt: now,
      updatedAt: now,
    });
    await updateSubject(tx, userId, { currentCaseId: caseId, attemptsUsed: attempt, updatedAt: now });
    await recordJournal(tx, ctx.clock, {
      actor: userId,
      operation: 'iin-submitted',
      caseId,
      userId,
      maskedIin: kycCase.iinMasked,
      fromStatus: 'not_started',
      toStatus: 'iin_submitted',
      result: `consent ${input.consentVersion}`,
    });
    await publishEvent(tx, KycStatusChanged, { userId, caseId, status: 'iin_submitted', reason: null });

    const left = attemptsLeft({ ...subject, attemptsUsed: attempt }, ctx.settings);
    const failed = { operation: 'prechecks-failed' as const, actor: userId };
    // Minors are turned away before anything is sent to the provider.
    if (ageOn(check.birthDate, now) < ADULT_AGE)
      return transition(ctx, tx, kycCase, { ...failed, to: rejectionStatus('minor', left), reason: 'minor' });
    if (!input.resident && ctx.settings.nonResidents === 'reject')
      return transition(ctx, tx, kycCase, { ...failed, to: 'rejected_final', reason: 'non_resident' });
    if (await verifiedElsewhere(tx, iinIndex, userId))
      return transition(ctx, tx, kycCase, { ...failed, to: 'manual_review', reason: 'duplicate_iin' });
    await recordJournal(tx, ctx.clock, {
      actor: userId,
      operation: 'prechecks-passed',
      caseId,
      userId,
      maskedIin: kycCase.iinMasked,
      fromStatus: 'iin_submitted',
      toStatus: 'iin_submitted',
    });
    return kycCase;
  });
  if (submitted.status === 'iin_submitted') await createProviderSession(ctx, submitted, userId);
}
