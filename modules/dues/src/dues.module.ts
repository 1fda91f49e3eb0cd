import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import { localFileStorage, type FileStorage } from '@sauda/catalog';
import type { AuthGuards, IdentityApi } from '@sauda/identity';
import type { LedgerApi } from '@sauda/ledger';
import type { NotificationsApi } from '@sauda/notifications';
import {
  defineJob,
  systemClock,
  type Clock,
  type Db,
  type EncryptedColumn,
  type Encryptor,
  type Locale,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import { duesAdminRoutes } from './admin.routes.ts';
import { confirmPayment, refundPayment, rejectPayment } from './confirm-payment.ts';
import type { Actor, DuesContext } from './dues.context.ts';
import { duesRoutes } from './dues.routes.ts';
import type { PaymentRow } from './dues.tables.ts';
import { scheduleFeeChange, type FeeChange, type FeeVersion } from './fee-schedule.ts';
import { importMembers, type ImportProgress, type ImportReport } from './import-members.ts';
import { listMembers, type MemberPage, type MemberQuery } from './list-members.ts';
import { savePage, type Page } from './pages.ts';
import type { PaymentProvider } from './providers/payment-provider.ts';
import { reconcilePayments } from './provider-sync.ts';
import { sendReminders } from './send-reminders.ts';
import { loadSettings, updateSettings, type DuesSettings, type SettingsPatch } from './settings.ts';
import { recordManualPayment, type ManualEntry } from './start-payment.ts';

export interface DuesApi {
  listMembers(query: MemberQuery): Promise<MemberPage>;
  importMembers(
    actor: Actor,
    file: { readonly name: string; readonly data: Buffer },
    options: {
      readonly dryRun: boolean;
      readonly locale: Locale;
      readonly onProgress?: (progress: ImportProgress) => void;
    },
  ): Promise<ImportReport>;
  recordManualPayment(actor: Actor, entry: ManualEntry): Promise<PaymentRow>;
  confirmPayment(actor: Actor, paymentId: string): Promise<PaymentRow>;
  rejectPayment(actor: Actor, paymentId: string, reason: string): Promise<PaymentRow>;
  refundPayment(actor: Actor, paymentId: string, reason: string): Promise<PaymentRow>;
  settings(): Promise<DuesSettings>;
  updateSettings(actor: Actor, patch: SettingsPatch): Promise<DuesSettings>;
  scheduleFeeChange(actor: Actor, change: FeeChange): Promise<FeeVersion>;
  savePage(
    actor: Actor,
    input: { slug: Page['slug']; locale: Page['locale']; title: string; body: string; baseVersion: number },
  ): Promise<Page>;
  /** What the reminder job runs (daily). */
  sendReminders(): Promise<{ sent: number; offset: number | null }>;
  /** What the reconciliation job runs (every five minutes). */
  reconcilePayments(): Promise<{ checked: number; applied: number }>;
}

export interface DuesDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record' | 'list'>;
  readonly ledger: LedgerApi;
  readonly notifications: Pick<NotificationsApi, 'send'>;
  readonly identity: Pick<IdentityApi, 'getProfile'>;
  readonly config: {
    readonly publicUrl: string;
    readonly dataDir: string;
    /** HMAC key of membership tickets (32 bytes). */
    readonly ticketKey: Buffer;
    /** Source addresses allowed to post provider webhooks; empty: any (the signature still decides). */
    readonly webhookAllowedIps: readonly string[];
  };
  /** The online payment provider; without one members pay by transfer and staff confirm. */
  readonly provider?: PaymentProvider | undefined;
  /** Staff routes are registered only with guards. */
  readonly guards?: AuthGuards;
  /** Where receipts are stored (encrypted); by default files under `<dataDir>/files`. */
  readonly storage?: FileStorage;
  readonly logger?: Logger;
}

const memberColumn = (column: string): EncryptedColumn => ({
  schema: 'dues',
  table: 'members',
  idColumn: 'id',
  column,
});

export const duesEncryptedColumns: readonly EncryptedColumn[] = [
  memberColumn('full_name_ciphertext'),
  memberColumn('phone_ciphertext'),
  memberColumn('email_ciphertext'),
  memberColumn('iin_ciphertext'),
  { schema: 'dues', table: 'payments', idColumn: 'id', column: 'receipt_data_key' },
];

export function createDuesModule(deps: DuesDeps): SaudaModule<DuesApi> {
  const publicUrl = deps.config.publicUrl.replace(/\/$/, '');
  const ctx: DuesContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    encryptor: deps.encryptor,
    audit: deps.audit,
    ledger: deps.ledger,
    notifications: deps.notifications,
    storage: deps.storage ?? localFileStorage(join(deps.config.dataDir, 'files')),
    provider: deps.provider,
    publicUrl,
    ticketKey: deps.config.ticketKey,
    webhookUrl: `${publicUrl}/v1/dues/provider/webhook`,
    webhookAllowedIps: deps.config.webhookAllowedIps,
    logger: deps.logger,
  };

  const api: DuesApi = {
    listMembers: (query) => listMembers(ctx.db, ctx.encryptor, ctx.clock.now(), query),
    importMembers: (actor, file, options) => importMembers(ctx, actor, file, options),
    recordManualPayment: (actor, entry) => recordManualPayment(ctx, actor, entry),
    confirmPayment: (actor, paymentId) => confirmPayment(ctx, actor, paymentId),
    rejectPayment: (actor, paymentId, reason) => rejectPayment(ctx, actor, paymentId, reason),
    refundPayment: (actor, paymentId, reason) => refundPayment(ctx, actor, paymentId, reason),
    settings: () => loadSettings(ctx.db),
    updateSettings: (actor, patch) => updateSettings(ctx, actor, patch),
    scheduleFeeChange: (actor, change) => scheduleFeeChange(ctx, actor, change),
    savePage: (actor, input) => savePage(ctx, actor, input),
    sendReminders: () => sendReminders(ctx),
    reconcilePayments: () => reconcilePayments(ctx),
  };

  const jobs = [
    defineJob({
      name: 'dues.send-reminders',
      cron: '0 10 * * *',
      async handle(_data, { logger }) {
        const result = await api.sendReminders();
        if (result.sent > 0) logger.info(result, 'dues reminders sent');
      },
    }),
    defineJob({
      name: 'dues.reconcile-payments',
      cron: '*/5 * * * *',
      expireInSeconds: 240,
      async handle(_data, { logger }) {
        const result = await api.reconcilePayments();
        if (result.applied > 0) logger.info(result, 'dues payments reconciled');
      },
    }),
  ];

  const routes = async (app: FastifyInstance): Promise<void> => {
    if (!deps.guards) return;
    await app.register(duesRoutes(ctx, deps.guards, deps.identity));
    await app.register(duesAdminRoutes(ctx, deps.guards));
  };
  return { name: 'dues', api, routes, jobs, encryptedColumns: duesEncryptedColumns };
}
