import type { AuditApi } from '@sauda/audit';
import type { IdentityApi } from '@sauda/identity';
import type { KycApi } from '@sauda/kyc';
import type { LedgerApi } from '@sauda/ledger';
import type { NotificationsApi } from '@sauda/notifications';
import type { Clock, Db, Logger, RequestContext } from '@sauda/platform';
import type { PartnerTerms } from './partner-terms.ts';
import type { RateSource } from './rate-source.ts';
import type { RewardAccounts } from './reward-accounts.ts';
import type { RewardsSettings } from './rewards.settings.ts';

/** The shared state of the use cases. */
export interface RewardsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly ledger: LedgerApi;
  /** Catalog partners, cached briefly (see partner-terms.ts). */
  readonly partners: PartnerTerms;
  readonly kyc: Pick<KycApi, 'verifiedIins'>;
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  readonly notifications: Pick<NotificationsApi, 'send'>;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly rates: RateSource;
  readonly accounts: RewardAccounts;
  /** Registers the reward asset with the ledger once per process (idempotent). */
  readonly ensureRewardAsset: () => Promise<void>;
  readonly settings: RewardsSettings;
  readonly logger: Logger | undefined;
}

/** Someone acting through the API, with where the request came from (for audit records). */
export interface RewardsActor {
  readonly id: string;
  readonly context?: RequestContext | undefined;
}
