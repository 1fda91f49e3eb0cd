import type { ModuleMigrations } from '@sauda/platform';

export {
  createAuditModule,
  type AuditApi,
  type AuditInput,
  type AuditEntry,
  type VerifyResult,
} from './audit.module.ts';
export type { ChainProblem } from './audit-chain.ts';

export const auditMigrations: ModuleMigrations = {
  module: 'audit',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
