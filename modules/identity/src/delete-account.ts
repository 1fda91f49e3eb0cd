import { eq } from 'drizzle-orm';
import { AppError, publishEvent, type RequestContext } from '@sauda/platform';
import { revokeUserApiKeys } from './api-keys.repository.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { DeletionRequested, UserErased } from './identity.events.ts';
import { verificationCodes } from './identity.tables.ts';
import { verifyPassword } from './passwords.ts';
import { removeBackupCodes } from './second-factor.ts';
import { anonymizeSessions, revokeUserSessions } from './sessions.repository.ts';
import { anonymizeConsents, findUser, updateUser, usersDueForErasure } from './users.repository.ts';

/**
 * Account deletion in two steps. The request ends every session and key at once and starts a
 * grace period (support can still undo a mistaken or coerced request); then the erasure job
 * removes the personal data identity holds. The user id stays, because ledger and KYC records that
 * the law makes us keep reference it; UserErased tells those modules to anonymize their side.
 */
export const ERASURE_GRACE_DAYS = 30;

export async function requestDeletion(
  ctx: IdentityContext,
  userId: string,
  password: string,
  context: RequestContext | undefined,
): Promise<{ erasureDueAt: string }> {
  const user = await findUser(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS);
  }
  const now = ctx.clock.now();
  const erasureDueAt = new Date(now.getTime() + ERASURE_GRACE_DAYS * 86_400_000).toISOString();
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, userId, { status: 'deletion_requested', deletionRequestedAt: now, updatedAt: now });
    const sessionsRevoked = await revokeUserSessions(tx, userId, now, 'deletion-requested');
    await revokeUserApiKeys(tx, userId, now);
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.deletion-requested',
      entityType: 'user',
      entityId: userId,
      before: { status: user.status },
      after: { status: 'deletion_requested', erasureDueAt, sessionsRevoked },
      context,
    });
    await publishEvent(tx, DeletionRequested, { userId, erasureDueAt });
  });
  return { erasureDueAt };
}

/** Erases the personal data of every account whose grace period is over; returns how many. */
export async function eraseDueAccounts(ctx: IdentityContext, batchSize = 100): Promise<number> {
  const now = ctx.clock.now();
  const dueBefore = new Date(now.getTime() - ERASURE_GRACE_DAYS * 86_400_000);
  const due = await usersDueForErasure(ctx.db, dueBefore, batchSize);
  for (const userId of due) {
    await ctx.db.transaction(async (tx) => {
      const user = await findUser(tx, userId, { forUpdate: true });
      if (user?.status !== 'deletion_requested') return;
      await updateUser(tx, userId, {
        status: 'erased',
        emailCiphertext: null,
        emailIndex: null,
        phoneCiphertext: null,
        phoneIndex: null,
        fullNameCiphertext: null,
        passwordHash: null,
        totpSecretCiphertext: null,
        totpPendingSecretCiphertext: null,
        totpEnabledAt: null,
        totpLastUsedStep: null,
        erasedAt: now,
        updatedAt: now,
      });
      await removeBackupCodes(tx, userId);
      await tx.delete(verificationCodes).where(eq(verificationCodes.userId, userId));
      await anonymizeSessions(tx, userId);
      await anonymizeConsents(tx, userId);
      await ctx.audit.record(tx, {
        actor: 'system:identity-erasure',
        action: 'identity.user-erased',
        entityType: 'user',
        entityId: userId,
        after: { status: 'erased' },
      });
      await publishEvent(tx, UserErased, { userId });
    });
  }
  return due.length;
}
