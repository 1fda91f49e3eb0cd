import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import type { CatalogApi } from '@sauda/catalog';
import type { AuthGuards, IdentityApi } from '@sauda/identity';
import {
  AppError,
  defineJob,
  isAppError,
  systemClock,
  type Clock,
  type Config,
  type Db,
  type EncryptedColumn,
  type Encryptor,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import type { TrackingApi } from '@sauda/tracking';
import { adminRoutes } from './admin.routes.ts';
import { toChangeView, toConversionView, type ConversionView } from './conversion-views.ts';
import type { Actor, ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import { countUnprocessed, findConversion, listChanges } from './conversions.repository.ts';
import { CommissionTerms } from './derive-commission.ts';
import { InboxProcessor } from './inbox-processor.ts';
import { InboxWriter } from './inbox-writer.ts';
import {
  createNetwork,
  findNetwork,
  listNetworks,
  toNetworkView,
  updateNetwork,
  type NetworkInput,
  type NetworkPatch,
  type NetworkView,
  type NetworkWithSecret,
} from './manage-networks.ts';
import { NetworkDirectory } from './network-directory.ts';
import { pollAllNetworks, pollNetwork, type PollResult } from './poll-networks.ts';
import { drainInbox } from './process-inbox.ts';
import type { PollWindow } from './providers/network-adapter.ts';
import { reportRoutes } from './report.routes.ts';
import {
  approveProbableMatch,
  assignConversion,
  rejectConversion,
  type AssignInput,
} from './resolve-unattributed.ts';

export interface ConversionsApi {
  createNetwork(actor: Actor, input: NetworkInput): Promise<NetworkWithSecret>;
  updateNetwork(actor: Actor, networkId: string, patch: NetworkPatch): Promise<NetworkWithSecret>;
  getNetworkByKey(key: string): Promise<NetworkView | undefined>;
  listNetworks(): Promise<NetworkView[]>;
  /** Processes every waiting inbox row now (tests, the CLI); returns how many were taken. */
  processInbox(): Promise<number>;
  /** Inbox rows waiting to be processed. */
  pendingReports(): Promise<number>;
  /** Polls one network now; by default the window since its last poll, with overlap. */
  pollNetwork(networkKey: string, window?: PollWindow): Promise<PollResult>;
  getConversion(conversionId: string): Promise<
    | {
        conversion: ConversionView;
        history: ReturnType<typeof toChangeView>[];
      }
    | undefined
  >;
  assign(actor: Actor, conversionId: string, input: AssignInput): Promise<ConversionView>;
  approveProbableMatch(actor: Actor, conversionId: string, note?: string): Promise<ConversionView>;
  reject(actor: Actor, conversionId: string, note: string): Promise<ConversionView>;
}

export interface ConversionsDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly config: Pick<Config, 'publicUrl' | 'jobs' | 'http'> & Partial<Pick<Config, 'logLevel'>>;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly catalog: Pick<CatalogApi, 'getPartner'>;
  readonly tracking: Pick<TrackingApi, 'resolveClick' | 'findProbableClick'>;
  /** Checks that a user staff assign a conversion to exists. */
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  /** Staff routes are registered only with guards. */
  readonly guards?: AuthGuards;
  readonly logger?: Logger;
  /** Drain the inbox in the background as reports arrive (default: `config.jobs.enabled`). */
  readonly processInBackground?: boolean;
}

/** Networks and postbacks arrive from few addresses at high rates: at least this many a minute per address. */
const MIN_REPORT_RATE_PER_MINUTE = 120_000;

/**
 * Report routes log at `warn` at most (their URLs may carry a network's secret, and the inbox is the
 * record), and never more than the server is configured to.
 */
function reportLogLevel(level: Config['logLevel'] | undefined): 'warn' | 'error' | 'fatal' | 'silent' {
  return level === 'error' || level === 'fatal' || level === 'silent' ? level : 'warn';
}

export const conversionsEncryptedColumns: readonly EncryptedColumn[] = [
  { schema: 'conversions', table: 'networks', idColumn: 'id', column: 'secret_ciphertext' },
  { schema: 'conversions', table: 'networks', idColumn: 'id', column: 'polling_token_ciphertext' },
];

export function createConversionsModule(deps: ConversionsDeps): SaudaModule<ConversionsApi> {
  const logger = deps.logger?.child({ module: 'conversions' });
  let processor: InboxProcessor | undefined;
  const ctx: ConversionsContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    logger,
    encryptor: deps.encryptor,
    audit: deps.audit,
    catalog: deps.catalog,
    tracking: deps.tracking,
    userExists: async (userId) => {
      try {
        await deps.identity.getProfile(userId);
        return true;
      } catch (error) {
        if (isAppError(error) && error.status === 404) return false;
        throw error;
      }
    },
    networks: new NetworkDirectory(deps.db, deps.encryptor),
    inbox: new InboxWriter(deps.db),
    terms: new CommissionTerms(deps.catalog),
    publicUrl: deps.config.publicUrl.replace(/\/$/, ''),
    wakeProcessor: () => {
      processor?.wake();
    },
  };
  if (deps.processInBackground ?? deps.config.jobs.enabled)
    processor = new InboxProcessor(() => drainInbox(ctx), { logger });

  const api: ConversionsApi = {
    createNetwork: (actor, input) => createNetwork(ctx, actor, input),
    updateNetwork: (actor, networkId, patch) => updateNetwork(ctx, actor, networkId, patch),
    async getNetworkByKey(key) {
      const settings = await ctx.networks.byKey(key);
      const row = settings ? await findNetwork(ctx.db, settings.id) : undefined;
      return row ? toNetworkView(row, ctx.publicUrl) : undefined;
    },
    listNetworks: () => listNetworks(ctx),
    processInbox: () => drainInbox(ctx),
    pendingReports: () => countUnprocessed(ctx.db),
    async pollNetwork(networkKey, window) {
      const network = await ctx.networks.byKey(networkKey);
      if (!network) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
      return pollNetwork(ctx, network, window);
    },
    async getConversion(conversionId) {
      const row = await findConversion(ctx.db, conversionId);
      if (!row) return undefined;
      return {
        conversion: toConversionView(row),
        history: (await listChanges(ctx.db, row.id)).map(toChangeView),
      };
    },
    assign: (actor, conversionId, input) => assignConversion(ctx, actor, conversionId, input),
    approveProbableMatch: (actor, conversionId, note) => approveProbableMatch(ctx, actor, conversionId, note),
    reject: (actor, conversionId, note) => rejectConversion(ctx, actor, conversionId, note),
  };

  const routes = async (app: FastifyInstance): Promise<void> => {
    app.addHook('onReady', async () => {
      processor?.start();
    });
    app.addHook('onClose', async () => {
      await processor?.stop();
    });
    await app.register(
      reportRoutes(ctx, {
        rateLimitPerMinute: Math.max(deps.config.http.rateLimitPerMinute, MIN_REPORT_RATE_PER_MINUTE),
        logLevel: reportLogLevel(deps.config.logLevel),
      }),
    );
    if (deps.guards) await app.register(adminRoutes(ctx, deps.guards));
  };

  const jobs = [
    // The background processor drains as reports arrive; this schedule is the backstop where it is off.
    defineJob({
      name: 'conversions.process-inbox',
      cron: '* * * * *',
      expireInSeconds: 300,
      handle: async (_data, context) => {
        const processed = await drainInbox(ctx, { maxRows: 200_000 });
        if (processed > 0) context.logger.info({ processed }, 'conversion inbox processed');
      },
    }),
    defineJob({
      name: 'conversions.poll-networks',
      cron: '*/10 * * * *',
      expireInSeconds: 900,
      handle: async () => {
        await pollAllNetworks(ctx);
      },
    }),
  ];

  return { name: 'conversions', api, routes, jobs, encryptedColumns: conversionsEncryptedColumns };
}
