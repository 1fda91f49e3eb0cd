import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, type Executor } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { pages, type PageLocale, type PageRow, type PageSlug } from './dues.tables.ts';
import { violatedConstraint } from './members.repository.ts';

/** A content page in one language, as of one version (Markdown body; the web app renders it safely). */
export interface Page {
  readonly slug: PageSlug;
  readonly locale: PageLocale;
  readonly version: number;
  readonly title: string;
  readonly body: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const toPage = (row: PageRow): Page => ({
  slug: row.slug,
  locale: row.locale,
  version: row.version,
  title: row.title,
  body: row.body,
  updatedAt: row.createdAt.toISOString(),
  updatedBy: row.createdBy,
});

export async function latestPage(
  executor: Executor,
  slug: PageSlug,
  locale: PageLocale,
): Promise<Page | undefined> {
  const [row] = await executor
    .select()
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.locale, locale)))
    .orderBy(desc(pages.version))
    .limit(1);
  return row ? toPage(row) : undefined;
}

/** The newest version of every page that exists. */
export async function latestPages(executor: Executor): Promise<Page[]> {
  const rows = await executor
    .selectDistinctOn([pages.slug, pages.locale])
    .from(pages)
    .orderBy(pages.slug, pages.locale, desc(pages.version));
  return rows.map(toPage);
}

export async function pageHistory(executor: Executor, slug: PageSlug, locale: PageLocale): Promise<Page[]> {
  const rows = await executor
    .select()
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.locale, locale)))
    .orderBy(desc(pages.version));
  return rows.map(toPage);
}

/**
 * Saves a new version. `baseVersion` is the version the editor started from (0 for a new page):
 * if someone saved in between, the save is refused instead of silently overwriting their text.
 */
export async function savePage(
  ctx: DuesContext,
  actor: Actor,
  input: { slug: PageSlug; locale: PageLocale; title: string; body: string; baseVersion: number },
): Promise<Page> {
  const title = input.title.trim();
  if (title.length < 1 || title.length > 200)
    throw new AppError(DuesErrors.DUES_INVALID_SETTINGS, { params: { field: 'title' } });
  try {
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ version: sql<number>`coalesce(max(${pages.version}), 0)`.mapWith(Number) })
        .from(pages)
        .where(and(eq(pages.slug, input.slug), eq(pages.locale, input.locale)));
      const version = current?.version ?? 0;
      if (version !== input.baseVersion)
        throw new AppError(DuesErrors.DUES_PAGE_VERSION_CONFLICT, { params: { current: version } });
      const [row] = await tx
        .insert(pages)
        .values({
          slug: input.slug,
          locale: input.locale,
          version: version + 1,
          title,
          body: input.body,
          createdAt: ctx.clock.now(),
          createdBy: actor.id,
        })
        .returning();
      if (!row) throw new Error('page was not stored');
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'dues.page-saved',
        entityType: 'dues-page',
        entityId: `${input.slug}:${input.locale}`,
        before: { version },
        after: { version: row.version, title: row.title, length: row.body.length },
        context: actor.context,
      });
      return toPage(row);
    });
  } catch (error) {
    // Two editors saving the same base version at once: the primary key decides, the loser is told.
    if (violatedConstraint(error) === 'pages_pkey')
      throw new AppError(DuesErrors.DUES_PAGE_VERSION_CONFLICT, {
        params: { current: input.baseVersion + 1 },
      });
    throw error;
  }
}
