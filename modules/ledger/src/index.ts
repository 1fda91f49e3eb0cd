import type { ModuleMigrations } from '@sauda/platform';

export { createLedgerModule, type LedgerModuleDeps } from './ledger.module.ts';
export type { LedgerApi, WriteOptions } from './ledger.api.ts';
export { LedgerErrors, type LedgerErrorCode } from './ledger.errors.ts';
export { LedgerEvents } from './ledger.events.ts';
export { LedgerPermissions, ledgerPermissionGrants } from './ledger.permissions.ts';
export { ADJUSTMENT_CODE } from './manual-adjustment.ts';
export { MAX_AMOUNT, parseAmount, toMinorUnits } from './amounts.ts';
export type { Account, AccountFlags, AssetInfo, CreateAccountInput } from './manage-accounts.ts';
export type { Balance } from './balances.ts';
export type { StatementEntry, StatementFilter, StatementPage } from './account-statement.ts';
export type { Transfer } from './ledger.repository.ts';
export type { TransferKind } from './transfer-hash.ts';
export type {
  BatchItem,
  Metadata,
  PendingTransferInput,
  PostPendingInput,
  ReverseTransferInput,
  TransferInput,
  VoidPendingInput,
} from './transfer-commands.ts';
export type { SealResult, SealedBlock } from './seal-blocks.ts';
export type { LedgerProblem, VerifyReport } from './verify-ledger.ts';
export type { GroupCommitOptions } from './group-commit.ts';

export const ledgerMigrations: ModuleMigrations = {
  module: 'ledger',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
