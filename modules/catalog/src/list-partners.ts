import { and, asc, desc, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError, type Locale } from '@sauda/platform';
import type { CatalogContext } from './catalog.context.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { categorySlugsOf } from './catalog.repository.ts';
import { partners, type PartnerRow, type PartnerStatus } from './catalog.tables.ts';
import { toPartner, toPublicPartner, type Partner, type PublicPartner } from './partner-views.ts';
import { searchSkeleton } from './search-text.ts';

export const PARTNER_SORTS = ['popular', 'rate', 'name'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

export interface PartnerQuery {
  readonly category?: string | undefined;
  readonly q?: string | undefined;
  readonly sort?: PartnerSort | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
  /** Which locale's name the `name` sort uses. */
  readonly locale: Locale;
  /** Public lists show active partners only; staff lists choose. */
  readonly statuses?: readonly PartnerStatus[] | undefined;
}

export interface PartnerPage<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

type CursorKey = (string | number | boolean)[];

/** Word similarity below which a search word does not match: low enough for one or two typos. */
const SIMILARITY_THRESHOLD = '0.45';
const DEFAULT_LIMIT = 20;

interface SortPlan {
  readonly order: SQL[];
  readonly keyOf: (row: PartnerRow) => CursorKey;
  readonly after: (key: CursorKey) => SQL;
}

function plan(sort: PartnerSort, locale: Locale): SortPlan {
  const name = sql`lower(${partners.name} ->> ${locale})`;
  const isPercent = sql`(${partners.rewardKind} = 'percent')`;
  switch (sort) {
    case 'name':
      return {
        order: [asc(name), asc(partners.id)],
        keyOf: (row) => [row.name[locale].toLowerCase(), row.id],
        after: ([value, id]) => sql`(${name}, ${partners.id}) > (${value}::text, ${id}::text)`,
      };
    case 'rate':
      // Percent rewards first (they grow with the order), each kind by its rate, highest first.
      return {
        order: [desc(isPercent), desc(partners.rewardRate), desc(partners.id)],
        keyOf: (row) => [row.rewardKind === 'percent', row.rewardRate, row.id],
        after: ([percent, rate, id]) =>
          sql`(${isPercent}, ${partners.rewardRate}, ${partners.id}) < (${percent}::boolean, ${rate}::numeric, ${id}::text)`,
      };
    case 'popular':
      return {
        order: [
          desc(partners.featured),
          desc(partners.sortWeight),
          desc(partners.popularity),
          desc(partners.id),
        ],
        keyOf: (row) => [row.featured, row.sortWeight, row.popularity, row.id],
        after: ([featured, weight, popularity, id]) =>
          sql`(${partners.featured}, ${partners.sortWeight}, ${partners.popularity}, ${partners.id}) < (${featured}::boolean, ${weight}::int, ${popularity}::int, ${id}::text)`,
      };
  }
}

const encodeCursor = (sort: PartnerSort, key: CursorKey): string =>
  Buffer.from(JSON.stringify({ s: sort, k: key })).toString('base64url');

function decodeCursor(cursor: string, sort: PartnerSort, arity: number): CursorKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: unknown;
      k?: unknown;
    };
    if (
      parsed.s === sort &&
      Array.isArray(parsed.k) &&
      parsed.k.length === arity &&
      parsed.k.every((part) => ['string', 'number', 'boolean'].includes(typeof part))
    )
      return parsed.k as CursorKey;
  } catch {
    // falls through to the error below
  }
  throw new AppError(CatalogErrors.CATALOG_INVALID_CURSOR);
}

async function queryRows(
  ctx: CatalogContext,
  query: PartnerQuery,
): Promise<{ rows: PartnerRow[]; sort: PartnerSort; limit: number }> {
  const sort = query.sort ?? 'popular';
  const limit = query.limit ?? DEFAULT_LIMIT;
  const sorting = plan(sort, query.locale);
  const conditions: SQL[] = [inArray(partners.status, [...(query.statuses ?? ['active'])])];
  if (query.category) {
    conditions.push(sql`EXISTS (SELECT 1 FROM catalog.partner_categories pc JOIN catalog.categories c ON c.id = pc.category_id
      WHERE pc.partner_id = ${partners.id} AND c.slug = ${query.category})`);
  }
  const skeleton = query.q ? searchSkeleton(query.q) : '';
  if (query.q !== undefined && skeleton !== '') {
    conditions.push(
      sql`(${partners.searchText} LIKE ${`%${skeleton.replace(/[%_\\]/g, '\\$&')}%`} OR ${skeleton} <% ${partners.searchText})`,
    );
  }
  if (query.cursor) {
    const arity = sort === 'popular' ? 4 : sort === 'rate' ? 3 : 2;
    conditions.push(sorting.after(decodeCursor(query.cursor, sort, arity)));
  }
  const rows = await ctx.db.transaction(async (tx) => {
    // The threshold is a setting of the operator; set it for this transaction only.
    await tx.execute(
      sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${SIMILARITY_THRESHOLD}, true)`,
    );
    return tx
      .select()
      .from(partners)
      .where(and(...conditions))
      .orderBy(...sorting.order)
      .limit(limit + 1);
  });
  return { rows, sort, limit };
}

async function page<T>(
  ctx: CatalogContext,
  query: PartnerQuery,
  view: (row: PartnerRow, categories: string[]) => T,
): Promise<PartnerPage<T>> {
  const { rows, sort, limit } = await queryRows(ctx, query);
  const visible = rows.slice(0, limit);
  const slugs = await categorySlugsOf(
    ctx.db,
    visible.map((row) => row.id),
  );
  const last = visible.at(-1);
  return {
    items: visible.map((row) => view(row, slugs.get(row.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, plan(sort, query.locale).keyOf(last)) : null,
  };
}

export const listPublicPartners = (
  ctx: CatalogContext,
  query: PartnerQuery,
): Promise<PartnerPage<PublicPartner>> =>
  page(ctx, { ...query, statuses: ['active'] }, (row, categories) =>
    toPublicPartner(row, categories, ctx.publicUrl),
  );

export const listPartners = (ctx: CatalogContext, query: PartnerQuery): Promise<PartnerPage<Partner>> =>
  page(ctx, query, (row, categories) => toPartner(row, categories, ctx.publicUrl));
