/** GET /v1/kyc/status (modules/kyc/src/kyc.contracts.ts): texts come localized by the API. */
export interface KycStatusView {
  readonly status:
    | 'not_started'
    | 'iin_submitted'
    | 'awaiting_document'
    | 'awaiting_liveness'
    | 'state_check'
    | 'verified'
    | 'rejected'
    | 'rejected_final'
    | 'manual_review'
    | 'provider_unavailable';
  readonly title: string;
  readonly reason: string | null;
  readonly reasonText: string | null;
  readonly nextStep: {
    readonly action: 'start' | 'upload_document' | 'liveness' | 'wait' | 'retry' | 'contact_support' | 'none';
    readonly text: string;
  };
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

export interface KycConsent {
  readonly version: string;
  readonly locale: string;
  readonly text: string;
}

/** The four stages the progress bar shows, and where a status puts the person. */
export const KYC_STAGES = ['consent', 'document', 'selfie', 'result'] as const;
export type KycStage = (typeof KYC_STAGES)[number];

export function stageOf(view: KycStatusView): KycStage {
  switch (view.nextStep.action) {
    case 'start':
    case 'retry':
      return 'consent';
    case 'upload_document':
      return 'document';
    case 'liveness':
      return 'selfie';
    default:
      return 'result';
  }
}
