import { AppError, publishEvent } from '@sauda/platform';
import type { Actor, IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { UserBlocked, UserUnblocked } from './identity.events.ts';
import { revokeUserSessions } from './sessions.repository.ts';
import { findUser, updateUser } from './users.repository.ts';

/** Staff blocks an account with a reason: every session ends at once and sign-in is refused. */
export async function blockUser(
  ctx: IdentityContext,
  actor: Actor,
  input: { userId: string; reason: string },
): Promise<void> {
  if (actor.id === input.userId) throw new AppError(IdentityErrors.IDENTITY_CANNOT_CHANGE_OWN_ACCESS);
  await ctx.db.transaction(async (tx) => {
    const user = await findUser(tx, input.userId, { forUpdate: true });
    if (!user || user.status === 'erased') throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
    if (user.status === 'blocked') return;
    const now = ctx.clock.now();
    const reason = input.reason.trim();
    await updateUser(tx, user.id, {
      status: 'blocked',
      blockedReason: reason,
      blockedAt: now,
      blockedBy: actor.id,
      updatedAt: now,
    });
    const sessionsRevoked = await revokeUserSessions(tx, user.id, now, 'blocked');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'identity.user-blocked',
      entityType: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status: 'blocked', reason, sessionsRevoked },
      context: actor.context,
    });
    await publishEvent(tx, UserBlocked, { userId: user.id, by: actor.id });
  });
}

/** Lifts a block; the account returns to active if a contact was verified, else to pending. */
export async function unblockUser(
  ctx: IdentityContext,
  actor: Actor,
  input: { userId: string },
): Promise<void> {
  if (actor.id === input.userId) throw new AppError(IdentityErrors.IDENTITY_CANNOT_CHANGE_OWN_ACCESS);
  await ctx.db.transaction(async (tx) => {
    const user = await findUser(tx, input.userId, { forUpdate: true });
    if (!user || user.status === 'erased') throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
    if (user.status !== 'blocked') return;
    const now = ctx.clock.now();
    const status = user.emailVerifiedAt || user.phoneVerifiedAt ? 'active' : 'pending_verification';
    await updateUser(tx, user.id, {
      status,
      blockedReason: null,
      blockedAt: null,
      blockedBy: null,
      updatedAt: now,
    });
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'identity.user-unblocked',
      entityType: 'user',
      entityId: user.id,
      before: { status: 'blocked', reason: user.blockedReason },
      after: { status },
      context: actor.context,
    });
    await publishEvent(tx, UserUnblocked, { userId: user.id, by: actor.id });
  });
}
