import type { ConversionsContext } from './conversions.context.ts';
import type { Attribution, AttributionStatus, Product, UnattributedReason } from './conversions.tables.ts';
import type { NetworkSettings } from './network-directory.ts';
import type { Report } from './read-report.ts';

/** How far back a click of the same visitor counts as a probable match. */
export const PROBABLE_MATCH_WINDOW_MS = 24 * 3_600_000;

export interface AttributionDecision {
  readonly status: Exclude<AttributionStatus, 'rejected'>;
  readonly partnerId: string | null;
  readonly userId: string | null;
  readonly clickId: string | null;
  readonly product: Product | null;
  readonly attribution: Attribution | null;
  readonly reason: UnattributedReason | null;
  readonly probable: { readonly userId: string; readonly clickId: string; readonly product: Product } | null;
}

/** A wrapped CPA link (`/l/…`) pays the link's owner; a `/go` click rewards the shopper. */
const productOf = (via: string | undefined): Product => (via === 'link' ? 'cpa' : 'loyalty');

/**
 * Who earns a new conversion. The click id is signed, so it names its partner and user without a
 * click row. Without a usable one, the same visitor's recent click on the partner is offered to staff
 * as a probable match; nothing is published until staff decide.
 */
export async function attributeReport(
  ctx: Pick<ConversionsContext, 'tracking'>,
  network: NetworkSettings,
  report: Report,
): Promise<AttributionDecision> {
  let partnerId = network.partnerId;
  let reason: UnattributedReason = 'no-click';
  if (report.clickId !== null) {
    const click = await ctx.tracking.resolveClick(report.clickId);
    if (!click) reason = 'unknown-click';
    else if (network.partnerId !== null && click.partnerId !== network.partnerId) reason = 'partner-mismatch';
    else {
      partnerId = click.partnerId;
      if (click.userId !== null)
        return {
          status: 'attributed',
          partnerId,
          userId: click.userId,
          clickId: report.clickId,
          product: productOf(click.via),
          attribution: 'click',
          reason: null,
          probable: null,
        };
      reason = 'anonymous-click';
    }
  }
  const match =
    partnerId !== null && report.ip !== null && report.userAgent !== null
      ? await ctx.tracking.findProbableClick({
          partnerId,
          ip: report.ip,
          userAgent: report.userAgent,
          at: report.occurredAt,
          windowMs: PROBABLE_MATCH_WINDOW_MS,
        })
      : undefined;
  return {
    status: match ? 'probable' : 'unattributed',
    partnerId,
    userId: null,
    clickId: report.clickId,
    product: null,
    attribution: null,
    reason,
    probable: match ? { userId: match.userId, clickId: match.clickId, product: productOf(match.via) } : null,
  };
}
