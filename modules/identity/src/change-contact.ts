import {
  AppError,
  Encryptor,
  isLocale,
  publishEvent,
  type Executor,
  type RequestContext,
} from '@sauda/platform';
import {
  contactIndex,
  normalizeEmail,
  normalizePhone,
  openFor,
  sealFor,
  type ContactKind,
} from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { ContactChanged } from './identity.events.ts';
import type { CodeChannel, CodePurpose, UserRow } from './identity.tables.ts';
import { RESEND_COOLDOWN_SECONDS } from './one-time-codes.ts';
import type { AuthenticatedUser } from './principal.ts';
import { sendSecurityNotice } from './security-notices.ts';
import { assertAccountStepUp } from './step-up.ts';
import { findUser, findUserByContact, updateUser } from './users.repository.ts';

/**
 * Changing the email or phone of a signed-in account, in two steps. The request (behind step-up)
 * sends a code to the new address and keeps that address, sealed, on the code row; confirming the
 * code swaps it in as a verified contact point and tells the old address.
 *
 * Whether the new address already belongs to another account is not looked at when the change is
 * requested: the answer and the code sent are the same either way, so the endpoint cannot be used
 * to probe for accounts. Only someone who received the code at that address learns, at
 * confirmation, that it cannot be used (IDENTITY_CONTACT_UNAVAILABLE); password reset already
 * tells as much to whoever controls an address.
 */

const purposeOf = (kind: ContactKind): CodePurpose => (kind === 'email' ? 'change-email' : 'change-phone');
const channelOf = (kind: ContactKind): CodeChannel => (kind === 'email' ? 'email' : 'sms');
const pendingField = (kind: ContactKind): string => `pending_${kind}`;
const indexOf = (user: UserRow, kind: ContactKind): string | null =>
  kind === 'email' ? user.emailIndex : user.phoneIndex;

export interface ContactChangeRequest {
  readonly kind: ContactKind;
  /** The new address as typed; normalised here. */
  readonly address: string;
  /** The current password: the step-up of an account without two-factor authentication. */
  readonly password?: string | undefined;
  readonly altcha?: string | undefined;
}

export async function requestContactChange(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  input: ContactChangeRequest,
  context: RequestContext | undefined,
): Promise<{ channel: CodeChannel; retryAfterSeconds: number }> {
  const { kind } = input;
  const address = kind === 'email' ? normalizeEmail(input.address) : normalizePhone(input.address);
  const user = await findUser(ctx.db, principal.id);
  if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
  await assertAccountStepUp(ctx, principal, user, { ...input, purpose: `change-${kind}` }, context);
  const current = indexOf(user, kind);
  if (current !== null && Encryptor.sameIndex(current, contactIndex(ctx.encryptor, kind, address))) {
    throw new AppError(IdentityErrors.IDENTITY_CONTACT_UNCHANGED);
  }
  const outcome = await ctx.db.transaction(async (tx) => {
    const issued = await ctx.codes.issue(tx, {
      userId: user.id,
      purpose: purposeOf(kind),
      channel: channelOf(kind),
      address,
      locale: isLocale(user.locale) ? user.locale : 'ru',
      pendingAddressCiphertext: sealFor(ctx.encryptor, user.id, pendingField(kind), address),
    });
    if (issued.status === 'sent') {
      await ctx.audit.record(tx, {
        actor: user.id,
        action: 'identity.contact-change-requested',
        entityType: 'user',
        entityId: user.id,
        after: { channel: kind },
        context,
      });
    }
    return issued;
  });
  if (outcome.status === 'cooling-down') {
    throw new AppError(IdentityErrors.IDENTITY_RESEND_TOO_SOON, {
      params: { retryAfter: outcome.retryAfterSeconds },
      headers: { 'retry-after': String(outcome.retryAfterSeconds) },
    });
  }
  return { channel: channelOf(kind), retryAfterSeconds: RESEND_COOLDOWN_SECONDS };
}

// unique_violation: another account took the address between our check and our update.
const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return code === UNIQUE_VIOLATION || cause?.code === UNIQUE_VIOLATION;
}

/**
 * Puts the address on the user row, in a savepoint: losing the race for the address to a
 * concurrent registration or change (the partial unique index) must not abort the transaction,
 * which still has to commit the used-up code.
 */
async function swapAddress(
  ctx: IdentityContext,
  tx: Executor,
  user: UserRow,
  kind: ContactKind,
  address: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const sealed = sealFor(ctx.encryptor, user.id, kind, address);
  const index = contactIndex(ctx.encryptor, kind, address);
  try {
    await tx.transaction(async (savepoint) => {
      await updateUser(savepoint, user.id, {
        ...(kind === 'email'
          ? { emailCiphertext: sealed, emailIndex: index, emailVerifiedAt: now }
          : { phoneCiphertext: sealed, phoneIndex: index, phoneVerifiedAt: now }),
        updatedAt: now,
      });
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

type ConfirmOutcome = 'changed' | 'invalid-code' | 'unavailable';

/**
 * Confirms a requested change with the code sent to the new address. Wrong guesses use up the
 * code (5 per code) and count towards the verification abuse limits of the account.
 */
export async function confirmContactChange(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  input: { kind: ContactKind; code: string; altcha?: string | undefined },
  context: RequestContext | undefined,
): Promise<void> {
  const { kind } = input;
  const subjects = { account: `contact-change:${principal.id}`, ip: context?.ip };
  await ctx.abuse.check('verify', subjects, input.altcha);
  const outcome = await ctx.db.transaction(async (tx): Promise<ConfirmOutcome> => {
    const user = await findUser(tx, principal.id, { forUpdate: true });
    const sealed =
      user?.status === 'active'
        ? await ctx.codes.redeemPendingAddress(tx, {
            userId: user.id,
            purpose: purposeOf(kind),
            code: input.code,
          })
        : undefined;
    if (!user || sealed === undefined) {
      await ctx.abuse.fail(tx, 'verify', subjects);
      return 'invalid-code';
    }
    await ctx.abuse.succeed(tx, 'verify', subjects.account);
    const address = openFor(ctx.encryptor, user.id, pendingField(kind), sealed);
    const holder = await findUserByContact(tx, kind, contactIndex(ctx.encryptor, kind, address));
    if ((holder && holder.id !== user.id) || !(await swapAddress(ctx, tx, user, kind, address))) {
      await ctx.audit.record(tx, {
        actor: user.id,
        action: 'identity.contact-change-rejected',
        entityType: 'user',
        entityId: user.id,
        after: { channel: kind, reason: 'address-unavailable' },
        context,
      });
      return 'unavailable';
    }
    // Codes sent to the replaced address must not keep working for the account.
    await ctx.codes.discard(tx, user.id, [
      kind === 'email' ? 'verify-email' : 'verify-phone',
      'reset-password',
    ]);
    await sendSecurityNotice(ctx, tx, user, kind === 'email' ? 'email-changed' : 'phone-changed', kind);
    const previous = indexOf(user, kind);
    const previouslyVerified =
      kind === 'email' ? user.emailVerifiedAt !== null : user.phoneVerifiedAt !== null;
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.contact-changed',
      entityType: 'user',
      entityId: user.id,
      before: {
        channel: kind,
        previous: previous === null ? 'none' : previouslyVerified ? 'verified' : 'unverified',
      },
      after: { channel: kind, verified: true },
      context,
    });
    await publishEvent(tx, ContactChanged, { userId: user.id, channel: kind });
    return 'changed';
  });
  if (outcome === 'invalid-code') throw new AppError(IdentityErrors.IDENTITY_INVALID_CODE);
  if (outcome === 'unavailable') throw new AppError(IdentityErrors.IDENTITY_CONTACT_UNAVAILABLE);
}
