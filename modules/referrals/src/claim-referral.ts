import { and, eq } from 'drizzle-orm';
import { AppError, newId } from '@sauda/platform';
import { fingerprintsOf, recordDevices, seenOn, type DeviceSignals } from './devices.ts';
import { lockReferralOf, payBonusIfDue } from './pay-bonus.ts';
import { normalizeCode, ownerOfCode } from './referral-codes.ts';
import type { ReferralsActor, ReferralsContext } from './referrals.context.ts';
import { ReferralsErrors } from './referrals.errors.ts';
import { referrals, visits, type ReferralStatus } from './referrals.tables.ts';

const DAY_MS = 86_400_000;

export interface ClaimedReferral {
  readonly status: ReferralStatus;
  readonly claimedAt: string;
}

/**
 * The web app calls this right after sign-up with the code from the referral link (or typed by the
 * user). Allowed once per account and only within the claim window after registration; refused for
 * one's own code, for a mutual pair, and from a device the referrer was seen on. Repeating the same
 * claim answers the same; claiming another code afterwards is a conflict.
 */
export async function claimReferral(
  ctx: ReferralsContext,
  actor: ReferralsActor,
  input: { code: string; device: DeviceSignals },
): Promise<{ referral: ClaimedReferral; created: boolean }> {
  const code = normalizeCode(input.code);
  const referrerId = await ownerOfCode(ctx.db, code);
  if (!referrerId) throw new AppError(ReferralsErrors.REFERRALS_CODE_NOT_FOUND);
  if (referrerId === actor.id) throw new AppError(ReferralsErrors.REFERRALS_SELF_REFERRAL);
  const now = ctx.clock.now();
  const profile = await ctx.identity.getProfile(actor.id);
  const { claimWindowDays } = ctx.settings;
  if (now.getTime() - new Date(profile.createdAt).getTime() > claimWindowDays * DAY_MS)
    throw new AppError(ReferralsErrors.REFERRALS_CLAIM_WINDOW_CLOSED, { params: { days: claimWindowDays } });
  const fingerprints = fingerprintsOf(ctx.encryptor, input.device);
  const [verified, firstRewardAt] = await Promise.all([
    ctx.kyc.isVerified(actor.id),
    ctx.rewards.firstAvailableAt(actor.id),
  ]);

  const outcome = await ctx.db.transaction(async (tx) => {
    const existing = await lockReferralOf(tx, actor.id);
    if (existing) {
      if (existing.referrerId !== referrerId) throw new AppError(ReferralsErrors.REFERRALS_ALREADY_CLAIMED);
      return { row: existing, created: false };
    }
    const [mutual] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.refereeId, referrerId), eq(referrals.referrerId, actor.id)));
    if (mutual) throw new AppError(ReferralsErrors.REFERRALS_MUTUAL);
    if (await seenOn(tx, referrerId, fingerprints)) throw new AppError(ReferralsErrors.REFERRALS_SAME_DEVICE);
    await recordDevices(tx, actor.id, fingerprints, now);
    const [inserted] = await tx
      .insert(referrals)
      .values({
        id: newId('ref'),
        refereeId: actor.id,
        referrerId,
        code,
        claimedAt: now,
        refereeVerifiedAt: verified ? now : null,
        firstRewardAt: firstRewardAt ?? null,
        status: 'linked',
        updatedAt: now,
      })
      .onConflictDoNothing({ target: referrals.refereeId })
      .returning();
    // A concurrent claim of the same account won the race: answer as a repeat of it.
    const row = inserted ?? (await lockReferralOf(tx, actor.id));
    if (!row) throw new Error(`referral of ${actor.id} vanished`);
    if (!inserted) {
      if (row.referrerId !== referrerId) throw new AppError(ReferralsErrors.REFERRALS_ALREADY_CLAIMED);
      return { row, created: false };
    }
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'referrals.referral-claimed',
      entityType: 'referral',
      entityId: row.id,
      after: { referrerId, refereeId: actor.id },
      context: actor.context,
    });
    return { row: await payBonusIfDue(ctx, tx, row), created: true };
  });
  return {
    referral: { status: outcome.row.status, claimedAt: outcome.row.claimedAt.toISOString() },
    created: outcome.created,
  };
}

/** Someone opened a referral link: counted once per device and referrer ("invited"). */
export async function recordVisit(
  ctx: ReferralsContext,
  input: { code: string; device: DeviceSignals },
): Promise<void> {
  const referrerId = await ownerOfCode(ctx.db, normalizeCode(input.code));
  if (!referrerId) throw new AppError(ReferralsErrors.REFERRALS_CODE_NOT_FOUND);
  const fingerprints = fingerprintsOf(ctx.encryptor, input.device);
  // The app's device id tells devices apart better than the network fingerprint, when there is one.
  const fingerprint = fingerprints.find((print) => print.startsWith('d:')) ?? fingerprints[0];
  // The referrer opening their own link invites nobody.
  if (!fingerprint || (await seenOn(ctx.db, referrerId, fingerprints))) return;
  await ctx.db
    .insert(visits)
    .values({ referrerId, fingerprint, firstSeenAt: ctx.clock.now() })
    .onConflictDoNothing();
}
