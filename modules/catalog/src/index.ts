import type { ModuleMigrations } from '@sauda/platform';

export {
  createCatalogModule,
  type CatalogApi,
  type CatalogDeps,
  type PartnerRoute,
  type RoutingSnapshot,
  type RateChange,
} from './catalog.module.ts';
export type { Actor } from './catalog.context.ts';
export { CatalogErrors } from './catalog.errors.ts';
export { drawLogo, seedDemoCatalog } from './demo-catalog.ts';
export { CatalogPermissions, catalogPermissionGrants } from './catalog.permissions.ts';
export { PARTNER_STATUSES, type AppLinks, type PartnerStatus } from './catalog.tables.ts';
export { localFileStorage, type FileStorage, type StoredFile } from './file-storage.ts';
export { PARTNER_SORTS, type PartnerPage, type PartnerQuery, type PartnerSort } from './list-partners.ts';
export type { CategoryInput } from './manage-categories.ts';
export { hostBelongsTo, normalizeDomain, type PartnerDomain } from './partner-domains.ts';
export type { PartnerInput, PartnerPatch } from './partner-input.ts';
export type { Category, Partner, PublicPartner, PublicReward } from './partner-views.ts';
export type { RewardTerms } from './reward-terms.ts';
export { searchSkeleton } from './search-text.ts';
export { fillTemplate } from './tracking-template.ts';
export type { ChangeWatch } from './watch-changes.ts';

export const catalogMigrations: ModuleMigrations = {
  module: 'catalog',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
