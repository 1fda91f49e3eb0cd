import { AppError, type RequestContext } from '@sauda/platform';
import { contactIndex, parseLogin } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { UserRow } from './identity.tables.ts';
import { verifyPassword } from './passwords.ts';
import { ALL_PERMISSIONS } from './roles.ts';
import { redeemSecondFactor } from './second-factor.ts';
import { startTokenSession, startWebSession, type TokenSet, type WebSession } from './start-session.ts';
import { findUserByContact, findUser } from './users.repository.ts';

export interface LoginInput {
  /** A phone number or an email address. */
  readonly login: string;
  readonly password: string;
  /** TOTP or backup code; required when the account has two-factor authentication on. */
  readonly secondFactor?: string | undefined;
  readonly altcha?: string | undefined;
}

export type LoginResult =
  | { readonly kind: 'web'; readonly userId: string; readonly session: WebSession }
  | { readonly kind: 'api'; readonly userId: string; readonly sessionId: string; readonly tokens: TokenSet };

/**
 * Password sign-in for the web (a cookie session) or an API client (a token family). An unknown
 * login and a wrong password fail identically, in time too (see verifyPassword). The state of the
 * account (unverified, blocked) is told only to someone who proved the password.
 */
export async function logIn(
  ctx: IdentityContext,
  input: LoginInput,
  target: { kind: 'web' } | { kind: 'api'; client: string },
  context: RequestContext | undefined,
): Promise<LoginResult> {
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
        after: { reason, channel: login.kind },
        context,
      });
    });
    throw error;
  };

  if (!found || !passwordOk) {
    return fail('invalid-credentials', new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS), found);
  }
  if (found.status === 'pending_verification') {
    return fail('not-verified', new AppError(IdentityErrors.IDENTITY_ACCOUNT_NOT_VERIFIED), found);
  }
  if (found.status === 'blocked') {
    return fail('blocked', new AppError(IdentityErrors.IDENTITY_ACCOUNT_BLOCKED), found);
  }
  if (found.status !== 'active') {
    return fail('inactive', new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS), found);
  }
  if (found.totpEnabledAt && !input.secondFactor) {
    throw new AppError(IdentityErrors.IDENTITY_SECOND_FACTOR_REQUIRED);
  }

  const outcome = await ctx.db.transaction(async (tx) => {
    // Re-read under lock: the TOTP replay guard must see the last used step of a concurrent login.
    const user = (await findUser(tx, found.id, { forUpdate: true })) ?? found;
    let secondFactorAt: Date | undefined;
    if (user.totpEnabledAt) {
      if (!(await redeemSecondFactor(ctx, tx, user, input.secondFactor ?? ''))) return undefined;
      secondFactorAt = ctx.clock.now();
    }
    await ctx.abuse.succeed(tx, 'login', login.value);
    const result: LoginResult =
      target.kind === 'web'
        ? {
            kind: 'web',
            userId: user.id,
            session: await startWebSession(ctx, tx, { userId: user.id, secondFactorAt, context }),
          }
        : {
            kind: 'api',
            userId: user.id,
            ...(await startTokenSession(ctx, tx, {
              userId: user.id,
              secondFactorAt,
              context,
              kind: 'api',
              client: target.client,
              scopes: [ALL_PERMISSIONS],
            })),
          };
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.login-succeeded',
      entityType: 'user',
      entityId: user.id,
      after: {
        sessionId: result.kind === 'web' ? result.session.sessionId : result.sessionId,
        sessionKind: target.kind,
        secondFactor: secondFactorAt !== undefined,
      },
      context,
    });
    return result;
  });
  if (!outcome) {
    return fail('invalid-second-factor', new AppError(IdentityErrors.IDENTITY_INVALID_SECOND_FACTOR), found);
  }
  return outcome;
}
