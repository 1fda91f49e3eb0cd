import { AppError, isLocale, type RequestContext } from '@sauda/platform';
import { contactIndex } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { RESEND_COOLDOWN_SECONDS } from './one-time-codes.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { revokeUserSessions } from './sessions.repository.ts';
import { findUserByContact, updateUser } from './users.repository.ts';
import { contactOf, type ContactInput } from './verify-contact.ts';

/** Sends a reset code to the address if it belongs to an account; answers the same either way. */
export async function requestPasswordReset(
  ctx: IdentityContext,
  input: ContactInput & { altcha?: string | undefined },
  context: RequestContext | undefined,
): Promise<{ retryAfterSeconds: number }> {
  const contact = contactOf(input);
  const subjects = { ip: context?.ip, account: contact.value };
  await ctx.abuse.check('reset', subjects, input.altcha);
  await ctx.db.transaction(async (tx) => {
    await ctx.abuse.fail(tx, 'reset', subjects);
    const user = await findUserByContact(
      tx,
      contact.kind,
      contactIndex(ctx.encryptor, contact.kind, contact.value),
      {
        forUpdate: true,
      },
    );
    if (!user || (user.status !== 'active' && user.status !== 'pending_verification')) return;
    await ctx.codes.issue(tx, {
      userId: user.id,
      purpose: 'reset-password',
      channel: contact.kind === 'email' ? 'email' : 'sms',
      address: contact.value,
      locale: isLocale(user.locale) ? user.locale : 'ru',
    });
  });
  return { retryAfterSeconds: RESEND_COOLDOWN_SECONDS };
}

/**
 * Sets a new password with the code, and ends every session of the account: whoever may have
 * known the old password is signed out everywhere.
 */
export async function resetPassword(
  ctx: IdentityContext,
  input: ContactInput & { code: string; newPassword: string; altcha?: string | undefined },
  context: RequestContext | undefined,
): Promise<void> {
  const contact = contactOf(input);
  assertAcceptablePassword(input.newPassword);
  const subjects = { ip: context?.ip, account: contact.value };
  await ctx.abuse.check('reset', subjects, input.altcha);
  const passwordHash = await hashPassword(input.newPassword);
  const done = await ctx.db.transaction(async (tx) => {
    const user = await findUserByContact(
      tx,
      contact.kind,
      contactIndex(ctx.encryptor, contact.kind, contact.value),
      {
        forUpdate: true,
      },
    );
    const usable = user && (user.status === 'active' || user.status === 'pending_verification');
    const redeemed =
      usable &&
      (await ctx.codes.redeem(tx, { userId: user.id, purpose: 'reset-password', code: input.code }));
    if (!user || !redeemed) {
      await ctx.abuse.fail(tx, 'reset', subjects);
      return false;
    }
    const now = ctx.clock.now();
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    const revoked = await revokeUserSessions(tx, user.id, now, 'password-reset');
    await ctx.abuse.succeed(tx, 'reset', contact.value);
    await ctx.abuse.succeed(tx, 'login', contact.value);
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.password-reset',
      entityType: 'user',
      entityId: user.id,
      after: { channel: contact.kind, sessionsRevoked: revoked },
      context,
    });
    return true;
  });
  if (!done) throw new AppError(IdentityErrors.IDENTITY_INVALID_CODE);
}
