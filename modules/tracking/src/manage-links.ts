import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError, newId } from '@sauda/platform';
import { parseTarget } from './safe-target.ts';
import type { TrackingContext } from './tracking.context.ts';
import { TrackingErrors } from './tracking.errors.ts';
import { findActiveLinkTo, findOwnLink, linkStats, listOwnLinks, userRefOf } from './tracking.repository.ts';
import { links, type LinkRow } from './tracking.tables.ts';

export interface LinkView {
  readonly id: string;
  readonly code: string;
  readonly shortUrl: string;
  readonly partnerId: string;
  readonly partnerSlug: string | null;
  readonly targetUrl: string;
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly clicks: number;
  readonly uniqueClicks: number;
}

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const newCode = (): string =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

function view(
  ctx: TrackingContext,
  row: LinkRow,
  stats: { clicks: number; uniqueClicks: number } | undefined,
): LinkView {
  const partner = ctx.rules.table.byId(row.partnerId);
  return {
    id: row.id,
    code: row.code,
    shortUrl: `${ctx.publicUrl}/l/${row.code}`,
    partnerId: row.partnerId,
    partnerSlug: partner?.slug ?? null,
    targetUrl: row.targetUrl,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
    clicks: stats?.clicks ?? 0,
    uniqueClicks: stats?.uniqueClicks ?? 0,
  };
}

/**
 * Wraps a product URL into a short link owned by the caller. The URL must pass the open-redirect
 * checks and its host must belong to an active partner. Asking again for the same URL returns the
 * caller's existing link, so a retried request does not multiply links.
 */
export async function createLink(
  ctx: TrackingContext,
  ownerId: string,
  url: string,
): Promise<{ link: LinkView; created: boolean }> {
  const parsed = parseTarget(url.trim());
  const partner = parsed.ok ? ctx.rules.table.activeByHost(parsed.url.hostname) : undefined;
  if (!parsed.ok || !partner) throw new AppError(TrackingErrors.TRACKING_LINK_NOT_PARTNER);
  const targetUrl = parsed.url.href;
  const existing = await findActiveLinkTo(ctx.db, ownerId, targetUrl);
  if (existing)
    return {
      link: view(ctx, existing, (await linkStats(ctx.db, [existing.id])).get(existing.id)),
      created: false,
    };
  const now = ctx.clock.now();
  const ownerRef = await userRefOf(ctx.db, ownerId, now);
  for (let attempt = 0; ; attempt += 1) {
    const [row] = await ctx.db
      .insert(links)
      .values({
        id: newId('lnk'),
        code: newCode(),
        ownerId,
        ownerRef,
        partnerId: partner.id,
        targetUrl,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return { link: view(ctx, row, undefined), created: true };
    // A conflict is either a code collision (try another) or the same link created concurrently.
    const raced = await findActiveLinkTo(ctx.db, ownerId, targetUrl);
    if (raced) return { link: view(ctx, raced, undefined), created: false };
    if (attempt >= 5) throw new Error('could not allocate a link code');
  }
}

export async function listLinks(
  ctx: TrackingContext,
  ownerId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: LinkView[]; nextCursor: string | null }> {
  let before: { createdAt: Date; id: string } | undefined;
  if (page.cursor) {
    const [at, id] = Buffer.from(page.cursor, 'base64url').toString('utf8').split('|');
    const createdAt = new Date(at ?? '');
    if (!id || Number.isNaN(createdAt.getTime())) throw new AppError(TrackingErrors.TRACKING_LINK_NOT_FOUND);
    before = { createdAt, id };
  }
  const rows = await listOwnLinks(ctx.db, ownerId, { before, limit: page.limit + 1 });
  const visible = rows.slice(0, page.limit);
  const stats = await linkStats(
    ctx.db,
    visible.map((row) => row.id),
  );
  const last = visible.at(-1);
  return {
    items: visible.map((row) => view(ctx, row, stats.get(row.id))),
    nextCursor:
      rows.length > page.limit && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

/** The caller's own link; someone else's is "not found", so its existence is not disclosed. */
export async function getLink(ctx: TrackingContext, ownerId: string, linkId: string): Promise<LinkView> {
  const row = await findOwnLink(ctx.db, ownerId, linkId);
  if (!row) throw new AppError(TrackingErrors.TRACKING_LINK_NOT_FOUND);
  return view(ctx, row, (await linkStats(ctx.db, [row.id])).get(row.id));
}

export async function disableLink(ctx: TrackingContext, ownerId: string, linkId: string): Promise<LinkView> {
  const row = await findOwnLink(ctx.db, ownerId, linkId);
  if (!row) throw new AppError(TrackingErrors.TRACKING_LINK_NOT_FOUND);
  const [updated] = row.disabledAt
    ? [row]
    : await ctx.db.update(links).set({ disabledAt: ctx.clock.now() }).where(eq(links.id, linkId)).returning();
  ctx.links.forget(row.code);
  return view(ctx, updated ?? row, (await linkStats(ctx.db, [row.id])).get(row.id));
}
