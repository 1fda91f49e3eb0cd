import { AppError, type RequestContext } from '@sauda/platform';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { UserRow } from './identity.tables.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Checks the current password of a signed-in user who is about to change something sensitive.
 * Wrong guesses count like sign-in failures (per account and per IP, then a challenge, then a
 * lock): otherwise a stolen session would be an unthrottled oracle for the account's password.
 */
export async function confirmPassword(
  ctx: IdentityContext,
  user: UserRow,
  input: { password: string; altcha?: string | undefined; purpose: string },
  context: RequestContext | undefined,
): Promise<void> {
  const subjects = { account: `password:${user.id}`, ip: context?.ip };
  await ctx.abuse.check('login', subjects, input.altcha);
  if (await verifyPassword(user.passwordHash, input.password)) {
    await ctx.abuse.succeed(ctx.db, 'login', subjects.account);
    return;
  }
  await ctx.db.transaction(async (tx) => {
    await ctx.abuse.fail(tx, 'login', subjects);
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.password-confirmation-failed',
      entityType: 'user',
      entityId: user.id,
      after: { purpose: input.purpose },
      context,
    });
  });
  throw new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS);
}
