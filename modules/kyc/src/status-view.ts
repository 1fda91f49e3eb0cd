import { translate, type Locale } from '@sauda/platform';
import type { KycSettings } from './kyc.context.ts';
import type { SubjectRow } from './kyc.repository.ts';
import { isRetryable, type KycReason, type KycStatus } from './kyc-status.ts';
import type { CaseRow } from './kyc.tables.ts';
import { NEXT_STEP_TEXTS, REASON_TEXTS, STATUS_TITLES, type NextStepAction } from './kyc-texts.ts';

/** What the user sees: status, the reason in words, and what to do next. Only a masked IIN. */
export interface KycStatusView {
  readonly status: KycStatus;
  readonly title: string;
  readonly reason: KycReason | null;
  readonly reasonText: string | null;
  readonly nextStep: { readonly action: NextStepAction; readonly text: string };
  readonly retryAllowed: boolean;
  readonly attemptsUsed: number;
  readonly attemptsLeft: number;
  readonly caseId: string | null;
  readonly maskedIin: string | null;
  readonly documentTypes: readonly string[];
  readonly nextRetryAt: string | null;
  readonly updatedAt: string | null;
  readonly verifiedAt: string | null;
}

export function attemptsLeft(subject: SubjectRow | undefined, settings: KycSettings): number {
  if (!subject) return settings.maxAttempts;
  return Math.max(0, settings.maxAttempts + subject.attemptsGranted - subject.attemptsUsed);
}

function nextStep(
  status: KycStatus,
  reason: KycReason | null,
  left: number,
): { action: NextStepAction; text: keyof typeof NEXT_STEP_TEXTS } {
  switch (status) {
    case 'not_started':
      return { action: 'start', text: 'start' };
    case 'awaiting_document':
      return {
        action: 'upload_document',
        text: reason === 'document_unreadable' ? 'uploadDocumentAgain' : 'uploadDocument',
      };
    case 'awaiting_liveness':
      return { action: 'liveness', text: 'liveness' };
    case 'iin_submitted':
    case 'state_check':
      return { action: 'wait', text: 'waitCheck' };
    case 'provider_unavailable':
      return { action: 'wait', text: 'waitProvider' };
    case 'manual_review':
      return { action: 'wait', text: 'waitReview' };
    case 'verified':
      return { action: 'none', text: 'none' };
    case 'rejected':
      return left > 0
        ? { action: 'retry', text: 'retry' }
        : { action: 'contact_support', text: 'attemptsExhausted' };
    case 'rejected_final':
      return {
        action: 'contact_support',
        text: reason && isRetryable(reason) && left === 0 ? 'attemptsExhausted' : 'contactSupport',
      };
  }
}

export function statusView(
  subject: SubjectRow | undefined,
  current: CaseRow | undefined,
  settings: KycSettings & { readonly documentTypes: readonly string[] },
  locale: Locale,
): KycStatusView {
  const status: KycStatus = current?.status ?? 'not_started';
  const reason = current?.reason ?? null;
  const left = attemptsLeft(subject, settings);
  const step = nextStep(status, reason, left);
  const params = { attemptsLeft: left, caseId: current?.id ?? '' };
  return {
    status,
    title: translate(STATUS_TITLES[status], locale),
    reason,
    reasonText: reason ? translate(REASON_TEXTS[reason], locale) : null,
    nextStep: { action: step.action, text: translate(NEXT_STEP_TEXTS[step.text], locale, params) },
    retryAllowed: (status === 'rejected' || status === 'not_started') && left > 0,
    attemptsUsed: subject?.attemptsUsed ?? 0,
    attemptsLeft: left,
    caseId: current?.id ?? null,
    maskedIin: current?.iinMasked ?? null,
    documentTypes: settings.documentTypes,
    nextRetryAt: status === 'provider_unavailable' ? (current?.nextRetryAt?.toISOString() ?? null) : null,
    updatedAt: current?.updatedAt.toISOString() ?? null,
    verifiedAt: status === 'verified' ? (current?.verifiedAt?.toISOString() ?? null) : null,
  };
}
