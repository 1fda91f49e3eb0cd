import { AppError, PlatformErrors, type RequestContext } from '@sauda/platform';
import { currentUser, type AuthGuards, type AuthHook } from './auth-guards.ts';
import { confirmPassword } from './confirm-password.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { UserRow } from './identity.tables.ts';
import type { AuthenticatedUser } from './principal.ts';
import { findUser } from './users.repository.ts';

/** How recent a second factor must be to change the account's own email or phone. */
export const ACCOUNT_STEP_UP_SECONDS = 300;

/**
 * Step-up for the account's own contact changes. With two-factor authentication on it is the
 * shared `requireStepUp` guard: a second factor presented in this session within the window.
 *
 * Without 2FA there is no second factor to present. Marking the session as if a password were one
 * would wake dormant staff roles and satisfy every other module's step-up (withdrawals, payout
 * addresses) with a password alone, so that is not done. Instead, for these routes only, a user
 * without 2FA steps up by sending the current password with the request; the use case checks it
 * (assertAccountStepUp). The hook runs `authorize` first (authentication, CSRF, permission).
 */
export function requireAccountStepUp(
  ctx: IdentityContext,
  guards: AuthGuards,
  authorize: AuthHook,
): AuthHook {
  const stepUp = guards.requireStepUp(ACCOUNT_STEP_UP_SECONDS);
  return async (request, reply) => {
    await authorize(request, reply);
    const user = await findUser(ctx.db, currentUser(request).id);
    if (user?.totpEnabledAt) await stepUp(request, reply);
  };
}

/**
 * The use case's own check of the same rule, on the user row it acts on: the route hook may have
 * seen the account before 2FA was turned on or off in a concurrent request.
 */
export async function assertAccountStepUp(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  user: UserRow,
  input: { password?: string | undefined; altcha?: string | undefined; purpose: string },
  context: RequestContext | undefined,
): Promise<void> {
  // An API key has no session to step up in, and is a machine: it does not change who the account is.
  if (!principal.sessionId) throw new AppError(PlatformErrors.PLATFORM_FORBIDDEN);
  if (user.totpEnabledAt) {
    const at = principal.secondFactorAt;
    if (!at || ctx.clock.now().getTime() - at.getTime() > ACCOUNT_STEP_UP_SECONDS * 1000) {
      throw new AppError(IdentityErrors.IDENTITY_STEP_UP_REQUIRED);
    }
    return;
  }
  if (input.password === undefined)
    throw new AppError(IdentityErrors.IDENTITY_PASSWORD_CONFIRMATION_REQUIRED);
  await confirmPassword(
    ctx,
    user,
    { password: input.password, altcha: input.altcha, purpose: input.purpose },
    context,
  );
}
