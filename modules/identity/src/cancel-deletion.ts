import { AppError, publishEvent, type RequestContext } from '@sauda/platform';
import { contactIndex, parseLogin } from './contact-points.ts';
import { ERASURE_GRACE_DAYS } from './delete-account.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { DeletionCancelled } from './identity.events.ts';
import type { UserRow } from './identity.tables.ts';
import { verifyPassword } from './passwords.ts';
import { redeemSecondFactor } from './second-factor.ts';
import { findUser, findUserByContact, updateUser } from './users.repository.ts';

export interface CancelDeletionInput {
  readonly login: string;
  readonly password: string;
  readonly secondFactor?: string | undefined;
  readonly altcha?: string | undefined;
}

type Outcome = 'cancelled' | 'invalid-second-factor' | 'not-pending';

/**
 * Takes back a deletion request while its grace period runs. The request revoked every session
 * and sign-in is refused from then on, so nobody can be signed in to cancel: cancelling is a
 * sign-in of its own, with the same login, password and second factor, the same abuse limits and
 * the same generic failure for an unknown login or a wrong password. The account is active again
 * afterwards and the user signs in as usual; API keys revoked by the request stay revoked.
 */
export async function cancelDeletion(
  ctx: IdentityContext,
  input: CancelDeletionInput,
  context: RequestContext | undefined,
): Promise<void> {
  const login = parseLogin(input.login);
  const subjects = { ip: context?.ip, account: login.value };
  await ctx.abuse.check('login', subjects, input.altcha);
  const found = await findUserByContact(
    ctx.db,
    login.kind,
    contactIndex(ctx.encryptor, login.kind, login.value),
  );
  const passwordOk = await verifyPassword(found?.passwordHash, input.password);

  const fail = async (reason: string, error: AppError, user: UserRow | undefined): Promise<never> => {
    await ctx.db.transaction(async (tx) => {
      await ctx.abuse.fail(tx, 'login', subjects);
      await ctx.audit.record(tx, {
        actor: user?.id ?? 'anonymous',
        action: 'identity.login-failed',
        entityType: 'user',
        entityId: user?.id,
        after: { reason, channel: login.kind, purpose: 'cancel-deletion' },
        context,
      });
    });
    throw error;
  };

  if (!found || !passwordOk) {
    return fail('invalid-credentials', new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS), found);
  }
  if (found.status === 'blocked') {
    return fail('blocked', new AppError(IdentityErrors.IDENTITY_ACCOUNT_BLOCKED), found);
  }
  if (found.status !== 'deletion_requested') throw new AppError(IdentityErrors.IDENTITY_DELETION_NOT_PENDING);
  if (found.totpEnabledAt && !input.secondFactor) {
    throw new AppError(IdentityErrors.IDENTITY_SECOND_FACTOR_REQUIRED);
  }

  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    // Under the row lock the erasure job takes too: a cancellation and an erasure never both happen.
    const user = (await findUser(tx, found.id, { forUpdate: true })) ?? found;
    if (user.totpEnabledAt && !(await redeemSecondFactor(ctx, tx, user, input.secondFactor ?? ''))) {
      return 'invalid-second-factor';
    }
    const now = ctx.clock.now();
    const graceEnds = (user.deletionRequestedAt?.getTime() ?? 0) + ERASURE_GRACE_DAYS * 86_400_000;
    if (user.status !== 'deletion_requested' || graceEnds <= now.getTime()) return 'not-pending';
    await ctx.abuse.succeed(tx, 'login', login.value);
    await updateUser(tx, user.id, { status: 'active', deletionRequestedAt: null, updatedAt: now });
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.deletion-cancelled',
      entityType: 'user',
      entityId: user.id,
      before: { status: 'deletion_requested' },
      after: { status: 'active' },
      context,
    });
    await publishEvent(tx, DeletionCancelled, { userId: user.id });
    return 'cancelled';
  });
  if (outcome === 'invalid-second-factor') {
    return fail('invalid-second-factor', new AppError(IdentityErrors.IDENTITY_INVALID_SECOND_FACTOR), found);
  }
  if (outcome === 'not-pending') throw new AppError(IdentityErrors.IDENTITY_DELETION_NOT_PENDING);
}
