import { eq } from 'drizzle-orm';
import { AppError } from '@sauda/platform';
import type { Actor, CatalogContext } from './catalog.context.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { categorySlugsOf, findPartner, nextFeedVersion } from './catalog.repository.ts';
import { partners, type PartnerStatus } from './catalog.tables.ts';
import { toPartner, type Partner } from './partner-views.ts';

/**
 * The partner lifecycle. Archived is final: its click ids may still come back in conversions, so the
 * partner stays in the database and in the redirect rules, but it can never be reached again.
 */
const ALLOWED: Readonly<Record<PartnerStatus, readonly PartnerStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['paused', 'archived'],
  paused: ['active', 'archived'],
  archived: [],
};

export async function changePartnerStatus(
  ctx: CatalogContext,
  actor: Actor,
  partnerId: string,
  status: PartnerStatus,
): Promise<Partner> {
  return ctx.db.transaction(async (tx) => {
    const existing = await findPartner(tx, partnerId, true);
    if (!existing) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
    const slugs = (await categorySlugsOf(tx, [existing.id])).get(existing.id) ?? [];
    if (existing.status === status) return toPartner(existing, slugs, ctx.publicUrl);
    if (!ALLOWED[existing.status].includes(status))
      throw new AppError(CatalogErrors.CATALOG_INVALID_STATUS_CHANGE, {
        params: { from: existing.status, to: status },
      });
    const version = await nextFeedVersion(tx);
    const [row] = await tx
      .update(partners)
      .set({ status, version, updatedAt: ctx.clock.now() })
      .where(eq(partners.id, partnerId))
      .returning();
    if (!row) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'catalog.partner-status-changed',
      entityType: 'partner',
      entityId: partnerId,
      before: { status: existing.status },
      after: { status },
      context: actor.context,
    });
    return toPartner(row, slugs, ctx.publicUrl);
  });
}
