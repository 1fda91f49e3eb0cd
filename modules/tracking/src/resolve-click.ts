import { readClickId, type ClickRoute } from './click-id.ts';
import type { TrackingContext } from './tracking.context.ts';
import { userIdOfRef } from './tracking.repository.ts';

/** Who and what a click id stands for: enough to attribute a conversion. */
export interface ClickAttribution {
  readonly clickId: string;
  /** `link`: a CPA short link, whose owner (`userId`) earns a commission; `go`: the shopper earns a reward. */
  readonly via: ClickRoute;
  readonly clickedAt: Date;
  readonly partnerId: string;
  readonly partnerSlug: string;
  /** null for an anonymous click (or a wrapped link's visitor, whose owner is the user). */
  readonly userId: string | null;
}

/**
 * Resolves a click id from its signature alone plus two lookups that never depend on the click row:
 * the partner number in the in-memory rules and the user reference in `tracking.user_refs`, both of
 * which existed before the click. Undefined for a forged, damaged or unknown id.
 */
export async function resolveClick(
  ctx: TrackingContext,
  clickId: string,
): Promise<ClickAttribution | undefined> {
  const claims = readClickId(ctx.keys.clickId, clickId);
  if (!claims) return undefined;
  let partner = ctx.rules.table.byNumber(claims.partnerNumber);
  if (!partner) {
    await ctx.rules.reload();
    partner = ctx.rules.table.byNumber(claims.partnerNumber);
  }
  if (!partner) return undefined;
  const userId = claims.userRef === 0 ? null : ((await userIdOfRef(ctx.db, claims.userRef)) ?? null);
  return {
    clickId,
    via: claims.via,
    clickedAt: claims.clickedAt,
    partnerId: partner.id,
    partnerSlug: partner.slug,
    userId,
  };
}
