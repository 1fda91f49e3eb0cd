import { AppError } from '@sauda/platform';
import { KycErrors } from './kyc.errors.ts';

/**
 * The KYC state machine. A case is one attempt of one user; a new attempt is a new case, so a
 * rejected case stays rejected and keeps its evidence. Every transition goes through
 * `assertTransition` and is written to the KYC journal.
 */
export const KYC_STATUSES = [
  'not_started',
  'iin_submitted',
  'awaiting_document',
  'awaiting_liveness',
  'state_check',
  'verified',
  'rejected',
  'rejected_final',
  'manual_review',
  'provider_unavailable',
] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** Where a provider's decision may land. */
const DECIDED: readonly KycStatus[] = ['verified', 'rejected', 'rejected_final', 'manual_review'];

const NEXT: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
  not_started: ['iin_submitted'],
  // Pre-checks decide minors, non-residents and duplicates before any provider call.
  iin_submitted: ['awaiting_document', 'provider_unavailable', 'rejected', 'rejected_final', 'manual_review'],
  // An unreadable document keeps the case where it is, with a reason the user can act on.
  awaiting_document: ['awaiting_document', 'awaiting_liveness', 'provider_unavailable', ...DECIDED],
  awaiting_liveness: ['state_check', 'provider_unavailable', ...DECIDED],
  state_check: DECIDED,
  // The step that failed is retried; a decision may also arrive for a call that did reach the provider.
  provider_unavailable: [
    'awaiting_document',
    'awaiting_liveness',
    'state_check',
    'provider_unavailable',
    ...DECIDED,
  ],
  manual_review: ['verified', 'rejected', 'rejected_final'],
  verified: ['manual_review'],
  rejected: ['manual_review'],
  rejected_final: ['manual_review'],
};

export function canTransition(from: KycStatus, to: KycStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: KycStatus, to: KycStatus): void {
  if (!canTransition(from, to)) throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: from } });
}

/** States in which the provider is still working on the case (a decision is awaited). */
export const IN_FLIGHT: readonly KycStatus[] = [
  'iin_submitted',
  'awaiting_document',
  'awaiting_liveness',
  'state_check',
  'provider_unavailable',
];

/** Closed for the user: a new attempt may start only after `rejected`. */
export const isDecided = (status: KycStatus): boolean => DECIDED.includes(status);

/**
 * Why a case is where it is. Provider reasons are translated into these at the adapter boundary,
 * so vendor vocabulary never reaches the API.
 */
export const KYC_REASONS = [
  'minor',
  'non_resident',
  'duplicate_iin',
  'document_unreadable',
  'document_expired',
  'fraud_suspected',
  'liveness_failed',
  'face_mismatch',
  'iin_mismatch',
  'person_not_found',
  'person_inactive',
  'state_db_mismatch',
  'provider_declined',
  'provider_review',
  'session_expired',
  'provider_unavailable',
  'staff_decision',
  'reopened',
] as const;
export type KycReason = (typeof KYC_REASONS)[number];

/** Reasons a new attempt may cure (a typo, a blurry photo); the others end the road without staff. */
const RETRYABLE: readonly KycReason[] = [
  'minor',
  'document_unreadable',
  'document_expired',
  'liveness_failed',
  'face_mismatch',
  'iin_mismatch',
  'person_not_found',
  'state_db_mismatch',
  'provider_declined',
  'session_expired',
  'staff_decision',
];

export const isRetryable = (reason: KycReason): boolean => RETRYABLE.includes(reason);

/** A rejection is final when its reason cannot be cured or the user has no attempts left. */
export function rejectionStatus(reason: KycReason, attemptsLeft: number): 'rejected' | 'rejected_final' {
  return isRetryable(reason) && attemptsLeft > 0 ? 'rejected' : 'rejected_final';
}
