import { AppError, PlatformErrors, type RequestContext } from '@sauda/platform';
import { confirmPassword } from './confirm-password.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import type { AuthenticatedUser } from './principal.ts';
import { sendSecurityNotice } from './security-notices.ts';
import { revokeUserSessions } from './sessions.repository.ts';
import { findUser, updateUser } from './users.repository.ts';

/**
 * Sets a new password for a signed-in user who knows the current one. Every other session ends
 * (whoever may have learnt the old password is signed out), the one that made the change stays,
 * and the account's verified contact points hear about it.
 */
export async function changePassword(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  input: { currentPassword: string; newPassword: string; altcha?: string | undefined },
  context: RequestContext | undefined,
): Promise<{ sessionsRevoked: number }> {
  // The session to keep; an API key has none, and a machine credential does not change passwords.
  const sessionId = principal.sessionId;
  if (!sessionId) throw new AppError(PlatformErrors.PLATFORM_FORBIDDEN);
  assertAcceptablePassword(input.newPassword);
  const user = await findUser(ctx.db, principal.id);
  if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
  await confirmPassword(
    ctx,
    user,
    { password: input.currentPassword, altcha: input.altcha, purpose: 'change-password' },
    context,
  );
  const passwordHash = await hashPassword(input.newPassword);
  const sessionsRevoked = await ctx.db.transaction(async (tx) => {
    const locked = await findUser(tx, user.id, { forUpdate: true });
    // A concurrent change or reset got there first: the password just confirmed is no longer current.
    if (locked?.passwordHash !== user.passwordHash) return undefined;
    const now = ctx.clock.now();
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    const revoked = await revokeUserSessions(tx, user.id, now, 'password-changed', sessionId);
    await sendSecurityNotice(ctx, tx, locked, 'password-changed');
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.password-changed',
      entityType: 'user',
      entityId: user.id,
      after: { sessionsRevoked: revoked },
      context,
    });
    return revoked;
  });
  if (sessionsRevoked === undefined) throw new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS);
  return { sessionsRevoked };
}
