import { defineEvent, Type } from '@sauda/platform';

const Status = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('pending'),
  Type.Literal('available'),
  Type.Literal('declined'),
  Type.Literal('reversed'),
]);

/**
 * A reward moved to another status, published in the transaction that moved it (once per move).
 * Referrals pays the referrer's bonus when a referee's reward first becomes `available`.
 */
export const RewardStatusChanged = defineEvent(
  'rewards.reward-status-changed',
  Type.Object({
    rewardId: Type.String(),
    conversionId: Type.String(),
    userId: Type.String(),
    partnerId: Type.String(),
    product: Type.Union([Type.Literal('loyalty'), Type.Literal('cpa')]),
    status: Status,
    previousStatus: Type.Union([Status, Type.Null()]),
    /**
     * Minor units of `asset`: what is now pending or available, or, when declined or reversed, what
     * the user was expecting or had and no longer gets.
     */
    amount: Type.String({ pattern: '^[0-9]+$' }),
    asset: Type.String(),
  }),
);
