import type { AuditApi } from '@sauda/audit';
import type { IdentityApi } from '@sauda/identity';
import type { KycApi } from '@sauda/kyc';
import type { LedgerApi } from '@sauda/ledger';
import type { Clock, Db, Encryptor, Logger, RequestContext } from '@sauda/platform';
import type { RewardsApi } from '@sauda/rewards';

/** Policy knobs of referrals, handed in by the composition root. */
export interface ReferralsSettings {
  /** The referrer's bonus per referee, in minor units of the reward asset (1 USDT by default). */
  readonly bonusAmount: bigint;
  /** How long after signing up a user may still enter a referral code. */
  readonly claimWindowDays: number;
  /** Referral links are `<linkBase>/r/<code>`. */
  readonly linkBase: string;
  /** Referrals handled per run of the retry job. */
  readonly batchSize: number;
}

export interface ReferralsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly ledger: LedgerApi;
  readonly kyc: Pick<KycApi, 'isVerified' | 'accountsSharingIin'>;
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  readonly rewards: Pick<RewardsApi, 'firstAvailableAt' | 'settings'>;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly encryptor: Pick<Encryptor, 'blindIndex'>;
  readonly settings: ReferralsSettings;
  readonly logger: Logger | undefined;
  /** The ledger account id for (owner, code) in the reward asset, created on first use. */
  account(owner: string, code: string, noOverdraft: boolean): Promise<string>;
}

export interface ReferralsActor {
  readonly id: string;
  readonly context?: RequestContext | undefined;
}
