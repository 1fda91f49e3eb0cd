import { AppError, isLocale, publishEvent, type RequestContext } from '@sauda/platform';
import { contactIndex, normalizeEmail, normalizePhone, type ContactKind } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { UserActivated } from './identity.events.ts';
import type { CodePurpose } from './identity.tables.ts';
import { RESEND_COOLDOWN_SECONDS } from './one-time-codes.ts';
import { findUserByContact, updateUser } from './users.repository.ts';

export interface ContactInput {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

export function contactOf(input: ContactInput): { kind: ContactKind; value: string } {
  if (input.email !== undefined) return { kind: 'email', value: normalizeEmail(input.email) };
  if (input.phone !== undefined) return { kind: 'phone', value: normalizePhone(input.phone) };
  throw new AppError(IdentityErrors.IDENTITY_CONTACT_REQUIRED);
}

const purposeOf = (kind: ContactKind): CodePurpose => (kind === 'email' ? 'verify-email' : 'verify-phone');

/**
 * Confirms a phone or email with the code sent to it. The first confirmed contact activates a
 * pending account. Unknown address, wrong code, expired code: one generic error.
 */
export async function verifyContact(
  ctx: IdentityContext,
  input: ContactInput & { code: string; altcha?: string | undefined },
  context: RequestContext | undefined,
): Promise<void> {
  const contact = contactOf(input);
  const subjects = { ip: context?.ip, account: contact.value };
  await ctx.abuse.check('verify', subjects, input.altcha);
  const verified = await ctx.db.transaction(async (tx) => {
    const user = await findUserByContact(
      tx,
      contact.kind,
      contactIndex(ctx.encryptor, contact.kind, contact.value),
      {
        forUpdate: true,
      },
    );
    const usable = user && (user.status === 'pending_verification' || user.status === 'active');
    const redeemed =
      usable &&
      (await ctx.codes.redeem(tx, { userId: user.id, purpose: purposeOf(contact.kind), code: input.code }));
    if (!user || !redeemed) {
      await ctx.abuse.fail(tx, 'verify', subjects);
      return false;
    }
    const now = ctx.clock.now();
    const activates = user.status === 'pending_verification';
    await updateUser(tx, user.id, {
      ...(contact.kind === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now }),
      ...(activates ? { status: 'active' as const } : {}),
      updatedAt: now,
    });
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.contact-verified',
      entityType: 'user',
      entityId: user.id,
      after: { channel: contact.kind, ...(activates ? { status: 'active' } : {}) },
      context,
    });
    if (activates) await publishEvent(tx, UserActivated, { userId: user.id });
    await ctx.abuse.succeed(tx, 'verify', contact.value);
    return true;
  });
  if (!verified) throw new AppError(IdentityErrors.IDENTITY_INVALID_CODE);
}

/**
 * Sends a new code to an address that is waiting for verification. Always answers the same way:
 * whether the address exists, is already verified, or is in its cooldown is not revealed.
 */
export async function resendVerification(
  ctx: IdentityContext,
  input: ContactInput,
): Promise<{ retryAfterSeconds: number }> {
  const contact = contactOf(input);
  await ctx.db.transaction(async (tx) => {
    const user = await findUserByContact(
      tx,
      contact.kind,
      contactIndex(ctx.encryptor, contact.kind, contact.value),
      {
        forUpdate: true,
      },
    );
    if (!user || (user.status !== 'pending_verification' && user.status !== 'active')) return;
    if ((contact.kind === 'email' ? user.emailVerifiedAt : user.phoneVerifiedAt) !== null) return;
    await ctx.codes.issue(tx, {
      userId: user.id,
      purpose: purposeOf(contact.kind),
      channel: contact.kind === 'email' ? 'email' : 'sms',
      address: contact.value,
      locale: isLocale(user.locale) ? user.locale : 'ru',
    });
  });
  return { retryAfterSeconds: RESEND_COOLDOWN_SECONDS };
}
