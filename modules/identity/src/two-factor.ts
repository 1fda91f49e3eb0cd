import QRCode from 'qrcode';
import { AppError, PlatformErrors, type RequestContext } from '@sauda/platform';
import { openFor, sealFor } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { UserRow } from './identity.tables.ts';
import { verifyPassword } from './passwords.ts';
import type { AuthenticatedUser } from './principal.ts';
import {
  matchTotp,
  newTotpSecret,
  redeemSecondFactor,
  removeBackupCodes,
  replaceBackupCodes,
  totpFor,
} from './second-factor.ts';
import { clearSecondFactors, markSecondFactor } from './sessions.repository.ts';
import { findUser, updateUser } from './users.repository.ts';

async function lockedUser(
  ctx: IdentityContext,
  tx: Parameters<typeof findUser>[0],
  userId: string,
): Promise<UserRow> {
  const user = await findUser(tx, userId, { forUpdate: true });
  if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
  return user;
}

/** What an authenticator app needs: the secret, the otpauth:// URI and the same URI as a QR image. */
export interface TwoFactorSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrCodeDataUrl: string;
}

/** Starts (or restarts) enrolment with a new secret; 2FA is on only after confirmTwoFactor. */
export async function startTwoFactorSetup(ctx: IdentityContext, userId: string): Promise<TwoFactorSetup> {
  return ctx.db.transaction(async (tx) => {
    const user = await lockedUser(ctx, tx, userId);
    if (user.totpEnabledAt) throw new AppError(IdentityErrors.IDENTITY_TWO_FACTOR_ALREADY_ENABLED);
    const secret = newTotpSecret();
    await updateUser(tx, userId, {
      totpPendingSecretCiphertext: sealFor(ctx.encryptor, userId, 'totp_pending', secret),
      updatedAt: ctx.clock.now(),
    });
    // The label is what the authenticator app shows; the user's own address tells accounts apart.
    const label =
      (user.emailCiphertext && openFor(ctx.encryptor, userId, 'email', user.emailCiphertext)) ||
      (user.phoneCiphertext && openFor(ctx.encryptor, userId, 'phone', user.phoneCiphertext)) ||
      userId;
    const otpauthUri = totpFor(secret, label).toString();
    return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri) };
  });
}

/**
 * Turns 2FA on once the user proves the app produces codes; returns 10 backup codes, shown once.
 * The current session counts as having presented a second factor.
 */
export async function confirmTwoFactor(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  code: string,
  context: RequestContext | undefined,
): Promise<{ backupCodes: string[] }> {
  return ctx.db.transaction(async (tx) => {
    const user = await lockedUser(ctx, tx, principal.id);
    if (user.totpEnabledAt) throw new AppError(IdentityErrors.IDENTITY_TWO_FACTOR_ALREADY_ENABLED);
    if (!user.totpPendingSecretCiphertext)
      throw new AppError(IdentityErrors.IDENTITY_TWO_FACTOR_SETUP_MISSING);
    const secret = openFor(ctx.encryptor, user.id, 'totp_pending', user.totpPendingSecretCiphertext);
    const now = ctx.clock.now();
    const step = matchTotp(secret, code.trim(), now);
    if (step === undefined) throw new AppError(IdentityErrors.IDENTITY_INVALID_SECOND_FACTOR);
    await updateUser(tx, user.id, {
      totpSecretCiphertext: sealFor(ctx.encryptor, user.id, 'totp', secret),
      totpPendingSecretCiphertext: null,
      totpEnabledAt: now,
      totpLastUsedStep: step,
      updatedAt: now,
    });
    const backupCodes = await replaceBackupCodes(ctx, tx, user.id);
    if (principal.sessionId) await markSecondFactor(tx, principal.sessionId, now);
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.two-factor-enabled',
      entityType: 'user',
      entityId: user.id,
      after: { method: 'totp', backupCodes: backupCodes.length },
      context,
    });
    return { backupCodes };
  });
}

/** Checks a second-factor code inside `work`'s transaction, counting failures against brute force. */
async function withSecondFactor<T>(
  ctx: IdentityContext,
  userId: string,
  code: string,
  context: RequestContext | undefined,
  work: (tx: Parameters<typeof findUser>[0], user: UserRow) => Promise<T>,
): Promise<T> {
  const subjects = { account: `second-factor:${userId}`, ip: context?.ip };
  await ctx.abuse.check('login', subjects, undefined);
  const outcome = await ctx.db.transaction(async (tx) => {
    const user = await lockedUser(ctx, tx, userId);
    if (!user.totpEnabledAt) throw new AppError(IdentityErrors.IDENTITY_TWO_FACTOR_NOT_ENABLED);
    if (!(await redeemSecondFactor(ctx, tx, user, code))) {
      await ctx.abuse.fail(tx, 'login', subjects);
      await ctx.audit.record(tx, {
        actor: userId,
        action: 'identity.second-factor-failed',
        entityType: 'user',
        entityId: userId,
        context,
      });
      return { ok: false as const };
    }
    await ctx.abuse.succeed(tx, 'login', subjects.account);
    return { ok: true as const, value: await work(tx, user) };
  });
  if (!outcome.ok) throw new AppError(IdentityErrors.IDENTITY_INVALID_SECOND_FACTOR);
  return outcome.value;
}

/** Replaces the backup codes; needs a current code, so a hijacked session alone cannot do it. */
export async function regenerateBackupCodes(
  ctx: IdentityContext,
  userId: string,
  code: string,
  context: RequestContext | undefined,
): Promise<{ backupCodes: string[] }> {
  return withSecondFactor(ctx, userId, code, context, async (tx) => {
    const backupCodes = await replaceBackupCodes(ctx, tx, userId);
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.backup-codes-regenerated',
      entityType: 'user',
      entityId: userId,
      after: { backupCodes: backupCodes.length },
      context,
    });
    return { backupCodes };
  });
}

/**
 * Turns 2FA off with the password and a code. Every session loses its second-factor mark, so a
 * staff member's elevated permissions end with it.
 */
export async function disableTwoFactor(
  ctx: IdentityContext,
  userId: string,
  input: { password: string; code: string },
  context: RequestContext | undefined,
): Promise<void> {
  const user = await findUser(ctx.db, userId);
  if (!(await verifyPassword(user?.passwordHash, input.password))) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_CREDENTIALS);
  }
  await withSecondFactor(ctx, userId, input.code, context, async (tx) => {
    const now = ctx.clock.now();
    await updateUser(tx, userId, {
      totpSecretCiphertext: null,
      totpPendingSecretCiphertext: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
      updatedAt: now,
    });
    await removeBackupCodes(tx, userId);
    await clearSecondFactors(tx, userId);
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.two-factor-disabled',
      entityType: 'user',
      entityId: userId,
      context,
    });
  });
}

/** Step-up: a fresh second factor for this session, which requireStepUp then accepts for a while. */
export async function stepUp(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  code: string,
  context: RequestContext | undefined,
): Promise<{ secondFactorAt: Date }> {
  const sessionId = principal.sessionId;
  if (!sessionId) throw new AppError(PlatformErrors.PLATFORM_FORBIDDEN);
  return withSecondFactor(ctx, principal.id, code, context, async (tx) => {
    const now = ctx.clock.now();
    await markSecondFactor(tx, sessionId, now);
    await ctx.audit.record(tx, {
      actor: principal.id,
      action: 'identity.step-up',
      entityType: 'session',
      entityId: sessionId,
      context,
    });
    return { secondFactorAt: now };
  });
}
