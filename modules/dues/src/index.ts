import type { ModuleMigrations } from '@sauda/platform';

export { createDuesModule, duesEncryptedColumns, type DuesApi, type DuesDeps } from './dues.module.ts';
export type { Actor } from './dues.context.ts';
export { DuesErrors } from './dues.errors.ts';
export { MemberRegistered, PaymentConfirmed, PaymentRefunded } from './dues.events.ts';
export { DuesPermissions, duesPermissionGrants } from './dues.permissions.ts';
export {
  PAGE_SLUGS,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type PageLocale,
  type PageSlug,
  type PaymentMethod,
  type PaymentStatus,
  type Requisites,
} from './dues.tables.ts';
export { CSV_COLUMNS } from './export-csv.ts';
export type { FeeChange, FeeVersion } from './fee-schedule.ts';
export type { ImportProgress, ImportReport } from './import-members.ts';
export type { Member } from './member-views.ts';
export { MEMBERSHIP_STATUSES, type MembershipStatus } from './membership-status.ts';
export type { Page } from './pages.ts';
export type { DuesSettings, SettingsPatch } from './settings.ts';
export {
  ProviderRequestError,
  ProviderUnavailableError,
  WebhookRejected,
  type PaymentProvider,
  type ProviderPaymentCreated,
  type ProviderPaymentRequest,
  type ProviderPaymentState,
} from './providers/payment-provider.ts';
export {
  createKaspiMerchantProvider,
  type ClientCertificate,
  type KaspiMerchantSettings,
} from './providers/kaspi-merchant-qr.ts';
export { createWebhookGatewayProvider, type WebhookGatewaySettings } from './providers/webhook-gateway.ts';
export { seedDemoDues } from './demo-dues.ts';

export const duesMigrations: ModuleMigrations = {
  module: 'dues',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
