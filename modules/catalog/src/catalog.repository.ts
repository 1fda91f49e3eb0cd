import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '@sauda/platform';
import {
  categories,
  feedState,
  partnerCategories,
  partners,
  rateChanges,
  type CategoryRow,
  type PartnerRow,
  type RateChangeRow,
} from './catalog.tables.ts';

/** The NOTIFY channel of catalog changes; the payload is the new feed version. */
export const CHANGES_CHANNEL = 'catalog_changes';

/**
 * Takes the next feed version inside the caller's transaction and announces it. The row lock
 * serialises writers, so versions grow in commit order; NOTIFY is delivered only on commit.
 */
export async function nextFeedVersion(tx: Tx): Promise<number> {
  const [row] = await tx
    .update(feedState)
    .set({ version: sql`${feedState.version} + 1` })
    .returning({ version: feedState.version });
  if (!row) throw new Error('catalog.feed_state is empty');
  await tx.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${String(row.version)})`);
  return row.version;
}

export async function currentFeedVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: feedState.version }).from(feedState);
  return row?.version ?? 0;
}

export async function findPartner(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<PartnerRow | undefined> {
  const query = db.select().from(partners).where(eq(partners.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findPartnerBySlug(db: Executor, slug: string): Promise<PartnerRow | undefined> {
  const [row] = await db.select().from(partners).where(eq(partners.slug, slug));
  return row;
}

export async function categorySlugsOf(
  db: Executor,
  partnerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(partnerIds.map((id) => [id, []]));
  if (partnerIds.length === 0) return result;
  const rows = await db
    .select({ partnerId: partnerCategories.partnerId, slug: categories.slug })
    .from(partnerCategories)
    .innerJoin(categories, eq(categories.id, partnerCategories.categoryId))
    .where(inArray(partnerCategories.partnerId, [...partnerIds]))
    .orderBy(asc(categories.position), asc(categories.slug));
  for (const row of rows) result.get(row.partnerId)?.push(row.slug);
  return result;
}

export async function replacePartnerCategories(
  tx: Tx,
  partnerId: string,
  categoryIds: readonly string[],
): Promise<void> {
  await tx.delete(partnerCategories).where(eq(partnerCategories.partnerId, partnerId));
  if (categoryIds.length > 0)
    await tx.insert(partnerCategories).values(categoryIds.map((categoryId) => ({ partnerId, categoryId })));
}

export async function findCategoriesBySlugs(db: Executor, slugs: readonly string[]): Promise<CategoryRow[]> {
  if (slugs.length === 0) return [];
  return db
    .select()
    .from(categories)
    .where(inArray(categories.slug, [...slugs]));
}

export async function listCategoryRows(db: Executor): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.slug));
}

export async function findCategory(db: Executor, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id));
  return row;
}

export async function insertRateChange(tx: Tx, row: RateChangeRow): Promise<void> {
  await tx.insert(rateChanges).values(row);
}

export async function listRateChanges(db: Executor, partnerId: string): Promise<RateChangeRow[]> {
  return db
    .select()
    .from(rateChanges)
    .where(eq(rateChanges.partnerId, partnerId))
    .orderBy(desc(rateChanges.changedAt), desc(rateChanges.id));
}

/** Every partner but drafts, which nobody outside the staff API may see or reach. */
export async function listRoutablePartners(db: Db): Promise<PartnerRow[]> {
  return db
    .select()
    .from(partners)
    .where(sql`${partners.status} <> 'draft'`);
}

export async function updatePopularity(db: Db, scores: ReadonlyMap<string, number>): Promise<void> {
  if (scores.size === 0) return;
  const ids = [...scores.keys()];
  const values = ids.map((id) => Math.max(0, Math.min(2_000_000_000, Math.round(scores.get(id) ?? 0))));
  await db.execute(sql`
    UPDATE catalog.partners AS p SET popularity = s.score
    FROM unnest(${sql.param(ids)}::text[], ${sql.param(values)}::int[]) AS s(id, score)
    WHERE p.id = s.id AND p.popularity <> s.score`);
}
