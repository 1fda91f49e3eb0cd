import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import type { AuthGuards, AuthHook } from '@sauda/identity';
import {
  defineJob,
  systemClock,
  type Clock,
  type Config,
  type Db,
  type EncryptedColumn,
  type Encryptor,
  type Locale,
  type Logger,
  type Product,
  type RequestContext,
  type SaudaModule,
} from '@sauda/platform';
import { adminRoutes } from './admin.routes.ts';
import { closureHandlers } from './close-subject.ts';
import { localDiskStorage, type DocumentStorage } from './documents/document-storage.ts';
import { getStatus, isVerified } from './get-status.ts';
import { accountsSharingIin, verifiedIins } from './iin-lookups.ts';
import { iinRoutes } from './iin.routes.ts';
import { exportJournal, type JournalExport, type JournalExportInput } from './journal/export-journal.ts';
import { verifyJournal, type JournalVerifyResult } from './journal/kyc-journal.ts';
import type { KycContext, KycSettings } from './kyc.context.ts';
import { kycRoutes } from './kyc.routes.ts';
import { pollDecisions } from './poll-decisions.ts';
import { createAggregatorFlowProvider } from './providers/aggregator-flow.ts';
import type { KycProvider } from './providers/kyc-provider.ts';
import { purgeExpiredPersonalData } from './purge-personal-data.ts';
import { createRequireKyc } from './require-kyc.ts';
import { retryProviderCalls } from './retry-provider-calls.ts';
import type { KycStatusView } from './status-view.ts';
import { webhookRoutes } from './webhook.routes.ts';

export interface KycDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly config: Pick<Config, 'kyc' | 'publicUrl'>;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  /** Identity's auth hooks; `requireKyc` builds on `requireUser`. */
  readonly guards: AuthGuards;
  readonly logger?: Logger;
  /** Replaces the adapter built from config (another vendor). */
  readonly provider?: KycProvider;
  /** Replaces the local-disk document store built from config (object storage). */
  readonly storage?: DocumentStorage;
}

export interface KycApi {
  /** The user's verification as they see it (masked IIN, localized reason and next step). */
  status(userId: string, locale: Locale): Promise<KycStatusView>;
  /** For products that must check outside HTTP (crediting available balance, payouts). */
  isVerified(userId: string): Promise<boolean>;
  /** Decrypted IINs of users whose verification stands, for the tax agent's report; the caller audits the use. */
  verifiedIins(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Other accounts that ever submitted this verified user's IIN (blind index); empty when not verified. */
  accountsSharingIin(userId: string): Promise<string[]>;
  /** Repeats failed provider calls that are due (also a job, every minute). */
  retryProviderCalls(): Promise<number>;
  /** Asks the provider about cases whose decision did not arrive by webhook (also a job). */
  pollDecisions(): Promise<number>;
  /** Erases personal data past its retention after account closure (also a daily job). */
  purgeExpiredPersonalData(): Promise<number>;
  verifyJournal(): Promise<JournalVerifyResult>;
  exportJournal(
    actor: { readonly id: string; readonly context?: RequestContext | undefined },
    input: JournalExportInput,
  ): Promise<JournalExport>;
}

export interface KycModule extends SaudaModule<KycApi> {
  /** The guard products put on routes that need a verified identity; see require-kyc.ts. */
  requireKyc(product: Product): AuthHook;
}

const column = (table: string, name: string): EncryptedColumn => ({
  schema: 'kyc',
  table,
  idColumn: 'id',
  column: name,
});

export const kycEncryptedColumns: readonly EncryptedColumn[] = [
  column('cases', 'iin_ciphertext'),
  column('cases', 'recognised_ciphertext'),
  column('cases', 'person_ciphertext'),
  column('documents', 'key_ciphertext'),
];

export function kycSettingsFrom(config: Pick<Config, 'kyc'>): KycSettings {
  return {
    maxAttempts: config.kyc.maxAttempts,
    nonResidents: config.kyc.nonResidents,
    retentionDays: config.kyc.retentionDays,
    requiredProducts: config.kyc.requiredProducts,
  };
}

export function createKycContext(deps: Omit<KycDeps, 'guards'>): KycContext {
  const { kyc } = deps.config;
  return {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    encryptor: deps.encryptor,
    audit: deps.audit,
    logger: deps.logger,
    settings: kycSettingsFrom(deps.config),
    provider:
      deps.provider ??
      createAggregatorFlowProvider({
        baseUrl: kyc.provider.url,
        apiKey: kyc.provider.apiKey,
        apiSecret: kyc.provider.apiSecret,
        webhookSecret: kyc.webhookSecret,
        callbackUrl: `${deps.config.publicUrl.replace(/\/+$/, '')}/v1/kyc/provider/webhook`,
        timeoutMs: kyc.provider.timeoutMs,
      }),
    storage: deps.storage ?? localDiskStorage(kyc.documentsDir),
  };
}

export function createKycModule(deps: KycDeps): KycModule {
  const ctx = createKycContext(deps);
  const api: KycApi = {
    status: (userId, locale) => getStatus(ctx, userId, locale),
    isVerified: (userId) => isVerified(ctx, userId),
    verifiedIins: (userIds) => verifiedIins(ctx, userIds),
    accountsSharingIin: (userId) => accountsSharingIin(ctx, userId),
    retryProviderCalls: () => retryProviderCalls(ctx),
    pollDecisions: () => pollDecisions(ctx),
    purgeExpiredPersonalData: () => purgeExpiredPersonalData(ctx),
    verifyJournal: () => verifyJournal(ctx.db),
    exportJournal: (actor, input) => exportJournal(ctx, actor, input),
  };
  const routes = async (app: FastifyInstance): Promise<void> => {
    await app.register(iinRoutes(ctx));
    await app.register(kycRoutes(ctx, deps.guards));
    await app.register(adminRoutes(ctx, deps.guards));
    await app.register(webhookRoutes(ctx));
  };
  const jobs = [
    defineJob({
      name: 'kyc.retry-provider-calls',
      cron: '* * * * *',
      handle: async () => {
        await retryProviderCalls(ctx);
      },
    }),
    defineJob({
      name: 'kyc.poll-decisions',
      cron: '* * * * *',
      handle: async () => {
        await pollDecisions(ctx);
      },
    }),
    defineJob({
      name: 'kyc.purge-expired-personal-data',
      cron: '45 3 * * *',
      handle: async () => {
        await purgeExpiredPersonalData(ctx);
      },
    }),
  ];
  return {
    name: 'kyc',
    api,
    routes,
    jobs,
    handlers: closureHandlers(ctx.clock),
    encryptedColumns: kycEncryptedColumns,
    requireKyc: createRequireKyc({
      guards: deps.guards,
      requiredProducts: ctx.settings.requiredProducts,
      isVerified: (userId) => isVerified(ctx, userId),
    }),
  };
}
