import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import type { AuthGuards } from '@sauda/identity';
import {
  systemClock,
  type Clock,
  type Config,
  type Db,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import { adminRoutes } from './admin.routes.ts';
import type { Actor, CatalogContext } from './catalog.context.ts';
import { changePartnerStatus } from './change-partner-status.ts';
import { catalogRoutes } from './catalog.routes.ts';
import {
  categorySlugsOf,
  findPartner,
  findPartnerBySlug,
  listCategoryRows,
  listRateChanges,
  listRoutablePartners,
  currentFeedVersion,
  updatePopularity,
} from './catalog.repository.ts';
import type { AppLinks, PartnerStatus } from './catalog.tables.ts';
import { localFileStorage, type FileStorage } from './file-storage.ts';
import { listPartners, type PartnerPage, type PartnerQuery } from './list-partners.ts';
import { createCategory, updateCategory, type CategoryInput } from './manage-categories.ts';
import type { PartnerDomain } from './partner-domains.ts';
import type { PartnerInput, PartnerPatch } from './partner-input.ts';
import { toCategory, toPartner, type Category, type Partner } from './partner-views.ts';
import { createPartner, updatePartner } from './save-partner.ts';
import { setPartnerLogo } from './set-partner-logo.ts';
import { SyncFeedCache } from './sync-feed.ts';
import { watchChanges, type ChangeWatch } from './watch-changes.ts';

/** What the redirect engine needs to know about a partner, and nothing more. */
export interface PartnerRoute {
  readonly id: string;
  readonly number: number;
  readonly slug: string;
  readonly name: Partner['name'];
  readonly status: Exclude<PartnerStatus, 'draft'>;
  readonly website: string;
  readonly domains: readonly PartnerDomain[];
  readonly network: string;
  readonly trackingUrlTemplate: string;
  readonly appLinks: AppLinks | null;
  readonly interstitial: boolean;
}

export interface RoutingSnapshot {
  readonly version: number;
  readonly partners: readonly PartnerRoute[];
}

export interface RateChange {
  readonly id: string;
  readonly changedAt: string;
  readonly actor: string;
  readonly oldTerms: unknown;
  readonly newTerms: unknown;
}

export interface CatalogApi {
  createPartner(
    actor: Actor,
    input: PartnerInput & { readonly status?: 'draft' | 'active' },
  ): Promise<Partner>;
  updatePartner(actor: Actor, partnerId: string, patch: PartnerPatch): Promise<Partner>;
  changeStatus(actor: Actor, partnerId: string, status: PartnerStatus): Promise<Partner>;
  /** Validates, re-encodes (PNG, at most 512×512) and stores a PNG, JPEG or WebP logo. */
  setLogo(actor: Actor, partnerId: string, image: Buffer): Promise<Partner>;
  getPartner(partnerId: string): Promise<Partner | undefined>;
  getPartnerBySlug(slug: string): Promise<Partner | undefined>;
  listPartners(query: PartnerQuery): Promise<PartnerPage<Partner>>;
  rateHistory(partnerId: string): Promise<RateChange[]>;
  createCategory(actor: Actor, input: CategoryInput): Promise<Category>;
  updateCategory(actor: Actor, categoryId: string, patch: Partial<CategoryInput>): Promise<Category>;
  listCategories(): Promise<Category[]>;
  /** The catalog's feed version: it grows with every committed change. */
  feedVersion(): Promise<number>;
  /** Every partner that is or was reachable (not drafts), for an in-memory redirect table. */
  routingSnapshot(): Promise<RoutingSnapshot>;
  /** Calls back after every committed catalog change, on every instance (undefined: reload to be sure). */
  watchChanges(onChange: (version: number | undefined) => void): Promise<ChangeWatch>;
  /** Popularity scores (e.g. clicks in the last 30 days) used by the `popular` sort. */
  recordPopularity(scores: ReadonlyMap<string, number>): Promise<void>;
}

export interface CatalogDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly config: Pick<Config, 'publicUrl' | 'dataDir'>;
  readonly audit: Pick<AuditApi, 'record'>;
  /** Staff routes are registered only with guards. */
  readonly guards?: AuthGuards;
  /** Where logos are stored; by default files under `<dataDir>/files`. */
  readonly storage?: FileStorage;
  readonly logger?: Logger;
}

export function createCatalogModule(deps: CatalogDeps): SaudaModule<CatalogApi> {
  const ctx: CatalogContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    audit: deps.audit,
    storage: deps.storage ?? localFileStorage(join(deps.config.dataDir, 'files')),
    publicUrl: deps.config.publicUrl.replace(/\/$/, ''),
    logger: deps.logger,
  };
  const feed = new SyncFeedCache(ctx);
  const withCategories = async (
    row: Awaited<ReturnType<typeof findPartner>>,
  ): Promise<Partner | undefined> =>
    row
      ? toPartner(row, (await categorySlugsOf(ctx.db, [row.id])).get(row.id) ?? [], ctx.publicUrl)
      : undefined;

  const api: CatalogApi = {
    createPartner: (actor, input) => createPartner(ctx, actor, input),
    updatePartner: (actor, partnerId, patch) => updatePartner(ctx, actor, partnerId, patch),
    changeStatus: (actor, partnerId, status) => changePartnerStatus(ctx, actor, partnerId, status),
    setLogo: (actor, partnerId, image) => setPartnerLogo(ctx, actor, partnerId, image),
    getPartner: async (partnerId) => withCategories(await findPartner(ctx.db, partnerId)),
    getPartnerBySlug: async (slug) => withCategories(await findPartnerBySlug(ctx.db, slug)),
    listPartners: (query) => listPartners(ctx, query),
    rateHistory: async (partnerId) =>
      (await listRateChanges(ctx.db, partnerId)).map((row) => ({
        id: row.id,
        changedAt: row.changedAt.toISOString(),
        actor: row.actor,
        oldTerms: row.oldTerms,
        newTerms: row.newTerms,
      })),
    createCategory: (actor, input) => createCategory(ctx, actor, input),
    updateCategory: (actor, categoryId, patch) => updateCategory(ctx, actor, categoryId, patch),
    listCategories: async () => (await listCategoryRows(ctx.db)).map(toCategory),
    feedVersion: () => currentFeedVersion(ctx.db),
    async routingSnapshot() {
      // Version first: a change committing in between makes the snapshot newer than its version,
      // never older, so the next notification still triggers a reload.
      const version = await currentFeedVersion(ctx.db);
      const rows = await listRoutablePartners(ctx.db);
      return {
        version,
        partners: rows.flatMap((row) =>
          row.status === 'draft'
            ? []
            : [
                {
                  id: row.id,
                  number: row.number,
                  slug: row.slug,
                  name: row.name,
                  status: row.status,
                  website: row.website,
                  domains: row.domains,
                  network: row.network,
                  trackingUrlTemplate: row.trackingUrlTemplate,
                  appLinks: row.appLinks,
                  interstitial: row.interstitial,
                },
              ],
        ),
      };
    },
    watchChanges: (onChange) => watchChanges(ctx.db, onChange, ctx.logger),
    recordPopularity: (scores) => updatePopularity(ctx.db, scores),
  };

  const routes = async (app: FastifyInstance): Promise<void> => {
    await app.register(catalogRoutes(ctx, feed));
    if (deps.guards) await app.register(adminRoutes(ctx, deps.guards));
  };
  return { name: 'catalog', api, routes };
}
