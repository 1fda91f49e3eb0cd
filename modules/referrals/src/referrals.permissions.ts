import type { PermissionGrants } from '@sauda/identity';

export const ReferralsPermissions = {
  /** List anyone's referrals and read anyone's referral statistics. */
  readAny: 'referrals.referrals.read-any',
  /** Record reward-asset money set aside for referral bonuses. */
  bonusPoolFund: 'referrals.bonus-pool.fund',
} as const;

/** Handed to identity by the composition root; `admin` holds every permission anyway. */
export const referralsPermissionGrants: PermissionGrants = {
  [ReferralsPermissions.readAny]: ['support'],
  [ReferralsPermissions.bonusPoolFund]: [],
};
