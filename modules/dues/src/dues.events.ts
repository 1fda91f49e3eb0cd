import { defineEvent, Type } from '@sauda/platform';

/** A person became a member (registration, import or staff). Ids only. */
export const MemberRegistered = defineEvent(
  'dues.member-registered',
  Type.Object({ memberId: Type.String(), userId: Type.Union([Type.String(), Type.Null()]) }),
);

/** Dues for a period were confirmed (by staff, by the provider, or by import). */
export const PaymentConfirmed = defineEvent(
  'dues.payment-confirmed',
  Type.Object({
    paymentId: Type.String(),
    memberId: Type.String(),
    period: Type.String(),
    amount: Type.String(),
    currency: Type.String(),
  }),
);

export const PaymentRefunded = defineEvent(
  'dues.payment-refunded',
  Type.Object({ paymentId: Type.String(), memberId: Type.String(), period: Type.String() }),
);
