import type { PermissionGrants } from '@sauda/identity';

export const RewardsPermissions = {
  /** List, search and open anyone's rewards. */
  readAny: 'rewards.rewards.read-any',
  /** Enter the daily exchange rates of the reward asset. */
  ratesManage: 'rewards.rates.manage',
  /** Record money set aside for loyalty rewards (the rewards pool). */
  poolFund: 'rewards.pool.fund',
  /** Set an influencer's tax status on their behalf. */
  taxStatusManage: 'rewards.tax-status.manage',
  /** The tax agent's monthly report, with IINs. */
  taxReportRead: 'rewards.tax-report.read',
} as const;

/** Handed to identity by the composition root; `admin` holds every permission anyway. */
export const rewardsPermissionGrants: PermissionGrants = {
  [RewardsPermissions.readAny]: ['support', 'compliance_officer'],
  [RewardsPermissions.ratesManage]: [],
  [RewardsPermissions.poolFund]: [],
  [RewardsPermissions.taxStatusManage]: ['support', 'compliance_officer'],
  [RewardsPermissions.taxReportRead]: ['compliance_officer'],
};
