import { AppError, type Locale } from '@sauda/platform';
import type { TrackingContext } from './tracking.context.ts';
import { TrackingErrors } from './tracking.errors.ts';
import { listUserClicks, type UserClickRow } from './tracking.repository.ts';

export interface MyClickView {
  readonly clickId: string;
  readonly clickedAt: string;
  readonly partner: { readonly id: string; readonly slug: string; readonly name: string };
  readonly source: UserClickRow['source'];
  readonly duplicate: boolean;
}

const CLICK_ID = /^[A-Za-z0-9_-]{30}$/;
const MICROS = /^\d{1,17}$/;

/** `<clicked_at in epoch µs>|<click id>` in base64url: where the next page starts. */
const encodeCursor = (row: UserClickRow): string =>
  Buffer.from(`${row.micros}|${row.clickId}`).toString('base64url');

function decodeCursor(cursor: string): { micros: string; clickId: string } {
  const [micros = '', clickId = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !MICROS.test(micros) || !CLICK_ID.test(clickId))
    throw new AppError(TrackingErrors.TRACKING_INVALID_CURSOR);
  return { micros, clickId };
}

/**
 * The caller's recent visits to shops through `/go` (or clicks on the caller's own short links),
 * newest first. Partner names come from the in-memory routing table, which holds every partner that
 * was ever reachable; the catalog is asked only for one the table has not loaded yet (another
 * instance saw it first).
 */
export async function listMyClicks(
  ctx: TrackingContext,
  userId: string,
  page: { cursor?: string | undefined; limit: number; locale: Locale },
): Promise<{ items: MyClickView[]; nextCursor: string | null }> {
  const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = await listUserClicks(ctx.db, userId, { before, limit: page.limit + 1 });
  const visible = rows.slice(0, page.limit);
  const items = await Promise.all(
    visible.map(async (row): Promise<MyClickView> => {
      const partner = ctx.rules.table.byId(row.partnerId) ?? (await ctx.catalog.getPartner(row.partnerId));
      // Partners are never deleted, so the id standing in for a missing one is a last resort only.
      return {
        clickId: row.clickId,
        clickedAt: row.clickedAt.toISOString(),
        partner: {
          id: row.partnerId,
          slug: partner?.slug ?? row.partnerId,
          name: partner?.name[page.locale] ?? row.partnerId,
        },
        source: row.source,
        duplicate: row.isDuplicate,
      };
    }),
  );
  const last = visible.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
}
