import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import type { CatalogApi } from '@sauda/catalog';
import type { AuthGuards, IdentityApi } from '@sauda/identity';
import type { KycApi } from '@sauda/kyc';
import type { LedgerApi } from '@sauda/ledger';
import type { NotificationsApi } from '@sauda/notifications';
import { defineJob, systemClock, type Clock, type Db, type Logger, type SaudaModule } from '@sauda/platform';
import { adminRoutes } from './admin.routes.ts';
import { conversionHandlers } from './apply-conversion-change.ts';
import { balancesOf, type Balances } from './balances.ts';
import { enterRate, staffRateSource, type ExchangeRate } from './exchange-rates.ts';
import { fundPool, type PoolFunding } from './fund-pool.ts';
import type { RateSource } from './rate-source.ts';
import { releaseDueRewards, retryWaitingRewards } from './release-rewards.ts';
import { PartnerTerms } from './partner-terms.ts';
import { RewardAccounts } from './reward-accounts.ts';
import { noticeHandlers } from './reward-notices.ts';
import { firstAvailableAt } from './rewards.repository.ts';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { rewardsRoutes } from './rewards.routes.ts';
import { checkSettings, DEFAULT_REWARDS_SETTINGS, type RewardsSettings } from './rewards.settings.ts';

export interface RewardsDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly ledger: LedgerApi;
  readonly catalog: Pick<CatalogApi, 'getPartner'>;
  readonly kyc: Pick<KycApi, 'verifiedIins'>;
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  readonly notifications: Pick<NotificationsApi, 'send'>;
  readonly audit: Pick<AuditApi, 'record'>;
  /** Routes are registered only with guards. */
  readonly guards?: AuthGuards;
  readonly settings?: Partial<RewardsSettings>;
  /** Replaces the staff-entered daily rates (e.g. an exchange's API). */
  readonly rates?: RateSource;
  readonly logger?: Logger;
}

export interface RewardsApi {
  /** The reward asset and the policy in force (other modules pay in the same asset). */
  readonly settings: RewardsSettings;
  balances(userId: string): Promise<Balances>;
  /** When the user's first reward became available; undefined while none has. */
  firstAvailableAt(userId: string): Promise<Date | undefined>;
  /** What the release job runs: rewards whose hold period passed become available. */
  releaseDueRewards(): Promise<number>;
  /** What the retry job runs: rewards waiting for a rate, a partner, an asset or pool funds. */
  retryWaitingRewards(): Promise<number>;
  /** The staff rate entry (also the demo's): the reward asset's price in `currency` for a day. */
  enterRate(
    actor: RewardsActor,
    input: { day: string; currency: string; price: string },
  ): Promise<{ rate: ExchangeRate; created: boolean }>;
  /** Moves reward asset into the rewards pool (the staff funding route and the demo use it). */
  fundPool(actor: RewardsActor, input: { amount: string; reference: string }): Promise<PoolFunding>;
}

export function createRewardsModule(deps: RewardsDeps): SaudaModule<RewardsApi> {
  const settings = checkSettings({ ...DEFAULT_REWARDS_SETTINGS, ...deps.settings });
  let assetRegistered: Promise<void> | undefined;
  const ctx: RewardsContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    ledger: deps.ledger,
    partners: new PartnerTerms(deps.catalog, deps.clock ?? systemClock),
    kyc: deps.kyc,
    identity: deps.identity,
    notifications: deps.notifications,
    audit: deps.audit,
    rates: deps.rates ?? staffRateSource(deps.db),
    accounts: new RewardAccounts(deps.ledger),
    settings,
    logger: deps.logger,
    ensureRewardAsset() {
      assetRegistered ??= deps.ledger.registerAsset(settings.rewardAsset).then(
        () => undefined,
        (error: unknown) => {
          assetRegistered = undefined;
          throw error;
        },
      );
      return assetRegistered;
    },
  };
  const api: RewardsApi = {
    settings,
    balances: (userId) => balancesOf(ctx, userId),
    firstAvailableAt: (userId) => firstAvailableAt(ctx.db, userId),
    releaseDueRewards: () => releaseDueRewards(ctx),
    retryWaitingRewards: () => retryWaitingRewards(ctx),
    enterRate: (actor, input) => enterRate(ctx, actor, input),
    fundPool: (actor, input) => fundPool(ctx, actor, input),
  };
  const jobs = [
    defineJob({
      name: 'rewards.release-due',
      cron: '*/5 * * * *',
      expireInSeconds: 600,
      async handle(_data, { logger }) {
        const released = await releaseDueRewards(ctx);
        if (released > 0) logger.info({ released }, 'rewards became available');
      },
    }),
    defineJob({
      name: 'rewards.retry-waiting',
      cron: '*/10 * * * *',
      expireInSeconds: 600,
      async handle(_data, { logger }) {
        const moved = await retryWaitingRewards(ctx);
        if (moved > 0) logger.info({ moved }, 'waiting rewards moved on');
      },
    }),
  ];
  const { guards } = deps;
  const routes = guards
    ? async (app: FastifyInstance): Promise<void> => {
        await app.register(rewardsRoutes(ctx, guards));
        await app.register(adminRoutes(ctx, guards));
      }
    : undefined;
  return {
    name: 'rewards',
    api,
    jobs,
    handlers: [...conversionHandlers(ctx), ...noticeHandlers(ctx)],
    ...(routes ? { routes } : {}),
  };
}
