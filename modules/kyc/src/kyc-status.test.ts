import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  KYC_REASONS,
  KYC_STATUSES,
  rejectionStatus,
  type KycStatus,
} from './kyc-status.ts';
import { NEXT_STEP_TEXTS, REASON_TEXTS, STATUS_TITLES } from './kyc-texts.ts';

const allowed: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
  not_started: ['iin_submitted'],
  iin_submitted: ['awaiting_document', 'provider_unavailable', 'rejected', 'rejected_final', 'manual_review'],
  awaiting_document: [
    'awaiting_document',
    'awaiting_liveness',
    'provider_unavailable',
    'verified',
    'rejected',
    'rejected_final',
    'manual_review',
  ],
  awaiting_liveness: [
    'state_check',
    'provider_unavailable',
    'verified',
    'rejected',
    'rejected_final',
    'manual_review',
  ],
  state_check: ['verified', 'rejected', 'rejected_final', 'manual_review'],
  provider_unavailable: [
    'awaiting_document',
    'awaiting_liveness',
    'state_check',
    'provider_unavailable',
    'verified',
    'rejected',
    'rejected_final',
    'manual_review',
  ],
  manual_review: ['verified', 'rejected', 'rejected_final'],
  verified: ['manual_review'],
  rejected: ['manual_review'],
  rejected_final: ['manual_review'],
};

describe('KYC state machine', () => {
  it.each(KYC_STATUSES.flatMap((from) => KYC_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const expected = allowed[from].includes(to);
      expect(canTransition(from, to)).toBe(expected);
      const attempt = () => {
        assertTransition(from, to);
      };
      if (expected) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(expect.objectContaining({ code: 'KYC_WRONG_STEP', status: 409 }));
    },
  );

  it('makes a rejection final when the reason cannot be cured or no attempt is left', () => {
    expect(rejectionStatus('face_mismatch', 2)).toBe('rejected');
    expect(rejectionStatus('face_mismatch', 0)).toBe('rejected_final');
    expect(rejectionStatus('minor', 1)).toBe('rejected');
    expect(rejectionStatus('fraud_suspected', 3)).toBe('rejected_final');
    expect(rejectionStatus('person_inactive', 3)).toBe('rejected_final');
    expect(rejectionStatus('non_resident', 3)).toBe('rejected_final');
  });

  it('has a title for every status and a text for every reason and next step, in ru, kk and en', () => {
    const texts = [
      ...KYC_STATUSES.map((status) => STATUS_TITLES[status]),
      ...KYC_REASONS.map((reason) => REASON_TEXTS[reason]),
      ...Object.values(NEXT_STEP_TEXTS),
    ];
    for (const text of texts) {
      expect(text.ru).toMatch(/[а-яё]/i);
      expect(text.kk).toMatch(/[а-яёәғқңөұүһі]/i);
      expect(text.en).toMatch(/^[\x20-\x7e]+$/);
      expect(new Set([text.ru, text.kk, text.en]).size).toBe(3);
    }
  });
});
