import { AppError, isAppError } from '@sauda/platform';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { RewardsErrors } from './rewards.errors.ts';
import { saveTaxStatus, taxStatusOf } from './rewards.repository.ts';
import type { TaxStatus } from './rewards.settings.ts';

/**
 * An influencer's tax status decides the rate withheld from their CPA commissions. It applies to
 * commissions priced after the change; those already priced keep the rate they were priced with.
 */

export interface TaxStatusView {
  readonly status: TaxStatus;
  /** True when the user never chose one and the default applies. */
  readonly isDefault: boolean;
  /** The rate withheld under this status, in basis points. */
  readonly taxBasisPoints: number;
}

export async function getTaxStatus(ctx: RewardsContext, userId: string): Promise<TaxStatusView> {
  const chosen = await taxStatusOf(ctx.db, userId);
  const status = chosen ?? ctx.settings.defaultTaxStatus;
  return { status, isDefault: chosen === undefined, taxBasisPoints: ctx.settings.taxBasisPoints[status] };
}

/** Sets the status of `userId` (the user themselves, or staff on their behalf); audited. */
export async function setTaxStatus(
  ctx: RewardsContext,
  actor: RewardsActor,
  userId: string,
  status: TaxStatus,
): Promise<TaxStatusView> {
  if (actor.id !== userId) {
    try {
      await ctx.identity.getProfile(userId);
    } catch (error) {
      if (isAppError(error)) throw new AppError(RewardsErrors.REWARDS_USER_UNKNOWN);
      throw error;
    }
  }
  await ctx.db.transaction(async (tx) => {
    const previous = await saveTaxStatus(tx, {
      userId,
      status,
      updatedBy: actor.id,
      updatedAt: ctx.clock.now(),
    });
    if (previous === status) return;
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'rewards.tax-status-changed',
      entityType: 'user',
      entityId: userId,
      before: previous ? { status: previous } : undefined,
      after: { status },
      context: actor.context,
    });
  });
  return getTaxStatus(ctx, userId);
}
