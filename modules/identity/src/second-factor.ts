import { and, eq, isNull } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { newId, type Encryptor, type Executor } from '@sauda/platform';
import { openFor } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { backupCodes, type UserRow } from './identity.tables.ts';
import { hashShortCode, humanCode, normalizeHumanCode, sameSecret } from './secrets.ts';
import { updateUser } from './users.repository.ts';

/**
 * The second factor: a TOTP code (RFC 6238: SHA-1, 6 digits, 30 s, ±1 step for clock drift) or one
 * of the single-use backup codes. A TOTP step is accepted once: the last used step is stored, so a
 * code seen over someone's shoulder cannot be replayed within its 30-90 s of validity.
 */
export const TOTP_ISSUER = 'Sauda';
const PERIOD_SECONDS = 30;
export const BACKUP_CODE_COUNT = 10;

export const totpFor = (secretBase32: string, label: string): TOTP =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The TOTP step a code matches at `now`, or undefined. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32, 'check').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

const backupCodeHash = (encryptor: Encryptor, userId: string, code: string): string =>
  hashShortCode(encryptor, normalizeHumanCode(code), `backup:${userId}`);

/** Checks a TOTP or backup code of a user with 2FA enabled and uses it up. */
export async function redeemSecondFactor(
  ctx: IdentityContext,
  tx: Executor,
  user: UserRow,
  code: string,
): Promise<boolean> {
  if (!user.totpEnabledAt || !user.totpSecretCiphertext) return false;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const secret = openFor(ctx.encryptor, user.id, 'totp', user.totpSecretCiphertext);
    const step = matchTotp(secret, trimmed, ctx.clock.now());
    if (step === undefined || (user.totpLastUsedStep !== null && step <= user.totpLastUsedStep)) return false;
    await updateUser(tx, user.id, { totpLastUsedStep: step });
    return true;
  }
  return redeemBackupCode(ctx, tx, user.id, trimmed);
}

async function redeemBackupCode(
  ctx: IdentityContext,
  tx: Executor,
  userId: string,
  code: string,
): Promise<boolean> {
  const expected = backupCodeHash(ctx.encryptor, userId, code);
  const unused = await tx
    .select()
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)))
    .for('update');
  const match = unused.find((row) => sameSecret(row.codeHash, expected));
  if (!match) return false;
  await tx.update(backupCodes).set({ usedAt: ctx.clock.now() }).where(eq(backupCodes.id, match.id));
  return true;
}

/** Replaces every backup code of the user with a new set; returns the codes in clear, once. */
export async function replaceBackupCodes(
  ctx: IdentityContext,
  tx: Executor,
  userId: string,
): Promise<string[]> {
  const now = ctx.clock.now();
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const raw = humanCode(10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.insert(backupCodes).values(
    codes.map((code) => ({
      id: newId('bkc'),
      userId,
      codeHash: backupCodeHash(ctx.encryptor, userId, code),
      createdAt: now,
    })),
  );
  return codes;
}

export async function removeBackupCodes(tx: Executor, userId: string): Promise<void> {
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
}

export async function countUnusedBackupCodes(executor: Executor, userId: string): Promise<number> {
  const rows = await executor
    .select({ id: backupCodes.id })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
  return rows.length;
}
