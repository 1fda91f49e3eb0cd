import { defineEvent, Type } from '@sauda/platform';

/** The referrer was paid the bonus for this referee (published once per referee). */
export const ReferralBonusPaid = defineEvent(
  'referrals.bonus-paid',
  Type.Object({
    referralId: Type.String(),
    referrerId: Type.String(),
    refereeId: Type.String(),
    amount: Type.String({ pattern: '^[0-9]+$' }),
    asset: Type.String(),
  }),
);
