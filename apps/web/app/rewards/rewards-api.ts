/** The rewards and referrals APIs' shapes (modules/rewards, modules/referrals contracts), as pages read them. */

export const REWARD_STATUSES = ['waiting', 'pending', 'available', 'declined', 'reversed'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export const isRewardStatus = (value: unknown): value is RewardStatus =>
  typeof value === 'string' && (REWARD_STATUSES as readonly string[]).includes(value);

export interface Reward {
  readonly id: string;
  readonly product: 'loyalty' | 'cpa';
  readonly status: RewardStatus;
  readonly partner: { readonly id: string; readonly name: string | null };
  readonly amount: { readonly amount: string; readonly asset: string };
  readonly commission: { readonly amount: string; readonly currency: string };
  readonly occurredAt: string;
  readonly availableAfter: string | null;
  readonly availableAt: string | null;
}

export interface RewardPage {
  readonly items: readonly Reward[];
  readonly nextCursor: string | null;
}

export interface Balances {
  readonly rewards: {
    readonly asset: string;
    readonly pending: string;
    readonly available: string;
    readonly debt: string;
    readonly equivalent: {
      readonly currency: string;
      readonly pending: string;
      readonly available: string;
      readonly rateDay: string;
    } | null;
  };
}

export interface ReferralCard {
  readonly code: string;
  readonly link: string;
  readonly stats: {
    readonly invited: number;
    readonly registered: number;
    readonly kycVerified: number;
    readonly rewarded: number;
    readonly earned: { readonly amount: string; readonly asset: string };
  };
}
