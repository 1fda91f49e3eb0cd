import { eq } from 'drizzle-orm';
import { AppError, newId, type Tx } from '@sauda/platform';
import type { Actor, CatalogContext } from './catalog.context.ts';
import { CatalogErrors } from './catalog.errors.ts';
import {
  categorySlugsOf,
  findCategoriesBySlugs,
  findPartner,
  insertRateChange,
  nextFeedVersion,
  replacePartnerCategories,
} from './catalog.repository.ts';
import { partners, type PartnerRow } from './catalog.tables.ts';
import { normalizePartnerInput, type PartnerInput, type PartnerPatch } from './partner-input.ts';
import { rewardOf, toPartner, type Partner } from './partner-views.ts';
import type { RewardTerms } from './reward-terms.ts';
import { partnerSearchText } from './search-text.ts';
import { LOCALES } from '@sauda/platform';

const UNIQUE_VIOLATION = '23505';

async function categoryIds(tx: Tx, slugs: readonly string[]): Promise<string[]> {
  const rows = await findCategoriesBySlugs(tx, slugs);
  const missing = slugs.find((slug) => !rows.some((row) => row.slug === slug));
  if (missing)
    throw new AppError(CatalogErrors.CATALOG_CATEGORY_NOT_FOUND, { params: { category: missing } });
  return rows.map((row) => row.id);
}

function columnsOf(input: PartnerInput) {
  return {
    slug: input.slug,
    name: input.name,
    shortDescription: input.shortDescription,
    description: input.description,
    conditions: input.conditions,
    website: input.website,
    domains: [...input.domains],
    rewardKind: input.reward.kind,
    rewardRate: input.reward.rate,
    rewardCurrency: input.reward.currency,
    rewardUserShare: input.reward.userShare,
    rewardCap: input.reward.cap,
    holdDays: input.reward.holdDays,
    network: input.network,
    trackingUrlTemplate: input.trackingUrlTemplate,
    appLinks: input.appLinks,
    interstitial: input.interstitial,
    featured: input.featured,
    sortWeight: input.sortWeight,
    searchText: partnerSearchText(
      LOCALES.map((locale) => input.name[locale]),
      input.slug,
    ),
  };
}

const sameTerms = (a: RewardTerms, b: RewardTerms): boolean =>
  a.kind === b.kind &&
  Number(a.rate) === Number(b.rate) &&
  a.currency === b.currency &&
  Number(a.userShare) === Number(b.userShare) &&
  a.cap === b.cap &&
  a.holdDays === b.holdDays;

async function slugTaken<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code;
    if (code === UNIQUE_VIOLATION) throw new AppError(CatalogErrors.CATALOG_SLUG_TAKEN, { params: { slug } });
    throw error;
  }
}

/** Creates a partner (a draft unless staff say active) with its first rate-history entry, audited. */
export async function createPartner(
  ctx: CatalogContext,
  actor: Actor,
  raw: PartnerInput & { readonly status?: 'draft' | 'active' },
): Promise<Partner> {
  const input = normalizePartnerInput(raw);
  const now = ctx.clock.now();
  return slugTaken(input.slug, () =>
    ctx.db.transaction(async (tx) => {
      const ids = await categoryIds(tx, input.categories);
      const version = await nextFeedVersion(tx);
      const [row] = await tx
        .insert(partners)
        .values({
          id: newId('ptn'),
          ...columnsOf(input),
          status: raw.status ?? 'draft',
          popularity: 0,
          version,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('partner insert returned nothing');
      await replacePartnerCategories(tx, row.id, ids);
      await insertRateChange(tx, {
        id: newId('rch'),
        partnerId: row.id,
        changedAt: now,
        actor: actor.id,
        oldTerms: null,
        newTerms: input.reward,
      });
      const partner = toPartner(row, [...input.categories], ctx.publicUrl);
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'catalog.partner-created',
        entityType: 'partner',
        entityId: row.id,
        after: { slug: row.slug, status: row.status, reward: input.reward, network: row.network },
        context: actor.context,
      });
      return partner;
    }),
  );
}

function inputOf(row: PartnerRow, categorySlugs: readonly string[]): PartnerInput {
  return {
    slug: row.slug,
    name: row.name,
    shortDescription: row.shortDescription,
    description: row.description,
    conditions: row.conditions,
    website: row.website,
    domains: row.domains,
    categories: categorySlugs,
    reward: rewardOf(row),
    network: row.network,
    trackingUrlTemplate: row.trackingUrlTemplate,
    appLinks: row.appLinks,
    interstitial: row.interstitial,
    featured: row.featured,
    sortWeight: row.sortWeight,
  };
}

/** Changes any fields of a partner; a change of reward terms is kept in the rate history. */
export async function updatePartner(
  ctx: CatalogContext,
  actor: Actor,
  partnerId: string,
  patch: PartnerPatch,
): Promise<Partner> {
  const now = ctx.clock.now();
  return slugTaken(patch.slug ?? '', () =>
    ctx.db.transaction(async (tx) => {
      const existing = await findPartner(tx, partnerId, true);
      if (!existing) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
      const before = inputOf(existing, (await categorySlugsOf(tx, [existing.id])).get(existing.id) ?? []);
      const input = normalizePartnerInput({ ...before, ...patch });
      const ids = await categoryIds(tx, input.categories);
      const version = await nextFeedVersion(tx);
      const [row] = await tx
        .update(partners)
        .set({ ...columnsOf(input), version, updatedAt: now })
        .where(eq(partners.id, partnerId))
        .returning();
      if (!row) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
      await replacePartnerCategories(tx, row.id, ids);
      const rateChanged = !sameTerms(before.reward, input.reward);
      if (rateChanged) {
        await insertRateChange(tx, {
          id: newId('rch'),
          partnerId: row.id,
          changedAt: now,
          actor: actor.id,
          oldTerms: before.reward,
          newTerms: input.reward,
        });
      }
      const changed = Object.keys(patch).filter(
        (key) =>
          JSON.stringify(before[key as keyof PartnerInput]) !==
          JSON.stringify(input[key as keyof PartnerInput]),
      );
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'catalog.partner-updated',
        entityType: 'partner',
        entityId: row.id,
        before: Object.fromEntries(changed.map((key) => [key, before[key as keyof PartnerInput]])),
        after: Object.fromEntries(changed.map((key) => [key, input[key as keyof PartnerInput]])),
        context: actor.context,
      });
      return toPartner(row, [...input.categories], ctx.publicUrl);
    }),
  );
}
