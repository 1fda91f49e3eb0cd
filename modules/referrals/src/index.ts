import type { ModuleMigrations } from '@sauda/platform';

export { createReferralsModule, type ReferralsApi, type ReferralsDeps } from './referrals.module.ts';
export type { ReferralsSettings } from './referrals.context.ts';
export type { ReferralCard, ReferralStats } from './referral-stats.ts';
export { ReferralsErrors, type ReferralsErrorCode } from './referrals.errors.ts';
export { ReferralBonusPaid } from './referrals.events.ts';
export { ReferralsPermissions, referralsPermissionGrants } from './referrals.permissions.ts';
export { REFERRAL_STATUSES, type ReferralStatus } from './referrals.tables.ts';

export const referralsMigrations: ModuleMigrations = {
  module: 'referrals',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
