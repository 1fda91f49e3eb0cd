import { defineEvent, Type } from '@sauda/platform';

/** Events KYC publishes. Payloads carry ids and codes only, never personal data. */
export const KycStatusChanged = defineEvent(
  'kyc.status-changed',
  Type.Object({
    userId: Type.String(),
    caseId: Type.String(),
    status: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
  }),
);

/** The user may now use products that require KYC (earn into available balance, withdraw...). */
export const KycVerified = defineEvent(
  'kyc.verified',
  Type.Object({ userId: Type.String(), caseId: Type.String() }),
);

/** A verified case was reopened by staff: products that require KYC must stop serving the user. */
export const KycVerificationRevoked = defineEvent(
  'kyc.verification-revoked',
  Type.Object({ userId: Type.String(), caseId: Type.String() }),
);
