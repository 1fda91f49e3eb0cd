import type { ModuleMigrations } from '@sauda/platform';

export {
  createKycModule,
  kycEncryptedColumns,
  type KycApi,
  type KycDeps,
  type KycModule,
} from './kyc.module.ts';
export { checkIin, maskIin, type IinCheck, type IinInvalidReason, type Sex } from './iin.ts';
export {
  checkBin,
  type BinCheck,
  type BinDivision,
  type BinEntityType,
  type BinInvalidReason,
} from './bin.ts';
export { KYC_STATUSES, KYC_REASONS, type KycStatus, type KycReason } from './kyc-status.ts';
export type { KycStatusView } from './status-view.ts';
export { KYC_CONSENT } from './consent.ts';
export { KycErrors } from './kyc.errors.ts';
export { KycStatusChanged, KycVerified, KycVerificationRevoked } from './kyc.events.ts';
export { KycPermissions, kycPermissionGrants } from './kyc.permissions.ts';
export type { JournalExport, JournalExportInput } from './journal/export-journal.ts';
export type { JournalVerifyResult } from './journal/kyc-journal.ts';
export type { JournalProblem } from './journal/journal-chain.ts';
export { localDiskStorage, type DocumentStorage } from './documents/document-storage.ts';
export {
  createAggregatorFlowProvider,
  aggregatorRequestSignature,
  type AggregatorFlowSettings,
} from './providers/aggregator-flow.ts';
export {
  ProviderRequestError,
  ProviderSessionGoneError,
  ProviderUnavailableError,
  WebhookRejected,
  type KycProvider,
  type KycProviderCapabilities,
  type ProviderDecision,
} from './providers/kyc-provider.ts';

export const kycMigrations: ModuleMigrations = {
  module: 'kyc',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
