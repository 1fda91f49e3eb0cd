import type { ModuleMigrations } from '@sauda/platform';

export {
  createConversionsModule,
  conversionsEncryptedColumns,
  type ConversionsApi,
  type ConversionsDeps,
} from './conversions.module.ts';
export { ConversionChanged } from './conversions.events.ts';
export type { Actor } from './conversions.context.ts';
export type { ConversionView } from './conversion-views.ts';
export { ConversionsErrors } from './conversions.errors.ts';
export { ConversionsPermissions, conversionsPermissionGrants } from './conversions.permissions.ts';
export {
  CONVERSION_STATES,
  NETWORK_KINDS,
  type ConversionState,
  type NetworkKind,
  type ParameterMapping,
  type Product,
} from './conversions.tables.ts';
export type { NetworkInput, NetworkPatch, NetworkView, NetworkWithSecret } from './manage-networks.ts';
export { DIRECT_MAPPING, SPEC_MAPPING } from './network-settings.ts';
export type { PollResult } from './poll-networks.ts';
export type { NetworkAdapter, PollWindow, SpecAction } from './providers/network-adapter.ts';
export type { AssignInput } from './resolve-unattributed.ts';
export { REPLAY_WINDOW_SECONDS, signatureHeader } from './signature.ts';
export { SANDBOX_NETWORK_KEY, seedSandboxNetwork } from './seed-sandbox-network.ts';

export const conversionsMigrations: ModuleMigrations = {
  module: 'conversions',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
