import type { ModuleMigrations } from '@sauda/platform';

export { createRewardsModule, type RewardsApi, type RewardsDeps } from './rewards.module.ts';
export type { Balances, WalletBalance } from './balances.ts';
export type { ExchangeRate } from './exchange-rates.ts';
export { fundFromCustody, type FundingRequest, type PoolFunding } from './fund-pool.ts';
export type { RateQuote, RateSource } from './rate-source.ts';
export { RewardsErrors, type RewardsErrorCode } from './rewards.errors.ts';
export { RewardStatusChanged } from './rewards.events.ts';
export { RewardsPermissions, rewardsPermissionGrants } from './rewards.permissions.ts';
export {
  DEFAULT_REWARDS_SETTINGS,
  TAX_STATUSES,
  type RewardsSettings,
  type TaxStatus,
} from './rewards.settings.ts';
export {
  REWARD_STATUSES,
  WAITING_REASONS,
  type RewardProduct,
  type RewardStatus,
  type WaitingReason,
} from './rewards.tables.ts';
export { rewardTemplates } from './reward-notices.ts';

export const rewardsMigrations: ModuleMigrations = {
  module: 'rewards',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
