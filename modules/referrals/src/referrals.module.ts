import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import type { AuthGuards, IdentityApi } from '@sauda/identity';
import type { KycApi } from '@sauda/kyc';
import type { LedgerApi } from '@sauda/ledger';
import {
  defineJob,
  systemClock,
  type Clock,
  type Db,
  type Encryptor,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import type { RewardsApi } from '@sauda/rewards';
import { adminRoutes } from './admin.routes.ts';
import { referralHandlers, retryWaitingBonuses } from './referral-handlers.ts';
import { referralCard, statsOf, type ReferralCard, type ReferralStats } from './referral-stats.ts';
import { fundBonusPool } from './fund-bonus-pool.ts';
import type { ReferralsActor, ReferralsContext, ReferralsSettings } from './referrals.context.ts';
import { referralsRoutes } from './referrals.routes.ts';

export interface ReferralsDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly ledger: LedgerApi;
  readonly kyc: Pick<KycApi, 'isVerified' | 'accountsSharingIin'>;
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  readonly rewards: Pick<RewardsApi, 'firstAvailableAt' | 'settings'>;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly encryptor: Pick<Encryptor, 'blindIndex'>;
  /** `linkBase` is required (the public URL); the rest have defaults. */
  readonly settings: Partial<ReferralsSettings> & Pick<ReferralsSettings, 'linkBase'>;
  /** Routes are registered only with guards. */
  readonly guards?: AuthGuards;
  readonly logger?: Logger;
}

export interface ReferralsApi {
  readonly settings: ReferralsSettings;
  /** The user's code (created on first use), link and statistics. */
  card(userId: string): Promise<ReferralCard>;
  stats(userId: string): Promise<ReferralStats>;
  /** What the retry job runs: bonuses that waited for the bonus pool. */
  retryWaitingBonuses(): Promise<number>;
  /** Moves reward asset into the bonus pool (the staff funding route and the demo use it). */
  fundBonusPool: (
    actor: ReferralsActor,
    input: { amount: string; reference: string },
  ) => ReturnType<typeof fundBonusPool>;
}

const DEFAULTS = { bonusAmount: 1_000_000n, claimWindowDays: 7, batchSize: 200 } as const;

export function createReferralsModule(deps: ReferralsDeps): SaudaModule<ReferralsApi> {
  const settings: ReferralsSettings = Object.freeze({ ...DEFAULTS, ...deps.settings });
  if (settings.bonusAmount <= 0n) throw new Error('referrals: bonusAmount must be positive');
  const accountIds = new Map<string, Promise<string>>();
  const ctx: ReferralsContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    ledger: deps.ledger,
    kyc: deps.kyc,
    identity: deps.identity,
    rewards: deps.rewards,
    audit: deps.audit,
    encryptor: deps.encryptor,
    settings,
    logger: deps.logger,
    account(owner, code, noOverdraft) {
      const asset = deps.rewards.settings.rewardAsset.code;
      const key = `${owner}\u0000${code}`;
      let id = accountIds.get(key);
      if (!id) {
        // Created on the pool, outside any caller's transaction: a cached id never names a rolled-back account.
        id = deps.ledger
          .createAccount({ owner, asset, code, debitsMustNotExceedCredits: noOverdraft })
          .then((account) => account.id);
        void id.catch(() => accountIds.delete(key));
        accountIds.set(key, id);
      }
      return id;
    },
  };
  const api: ReferralsApi = {
    settings,
    card: (userId) => referralCard(ctx, userId),
    stats: (userId) => statsOf(ctx, userId),
    retryWaitingBonuses: () => retryWaitingBonuses(ctx),
    fundBonusPool: (actor, input) => fundBonusPool(ctx, actor, input),
  };
  const jobs = [
    defineJob({
      name: 'referrals.retry-bonuses',
      cron: '*/10 * * * *',
      expireInSeconds: 600,
      async handle(_data, { logger }) {
        const paid = await retryWaitingBonuses(ctx);
        if (paid > 0) logger.info({ paid }, 'waiting referral bonuses paid');
      },
    }),
  ];
  const { guards } = deps;
  const routes = guards
    ? async (app: FastifyInstance): Promise<void> => {
        await app.register(referralsRoutes(ctx, guards));
        await app.register(adminRoutes(ctx, guards));
      }
    : undefined;
  return { name: 'referrals', api, jobs, handlers: referralHandlers(ctx), ...(routes ? { routes } : {}) };
}
