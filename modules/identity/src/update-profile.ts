import { AppError, type Locale, type RequestContext } from '@sauda/platform';
import { normalizeFullName, openFor, sealFor } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { findUser, updateUser } from './users.repository.ts';

export interface ProfileChange {
  readonly fullName?: string | undefined;
  /** The language of the account's messages (email, SMS, in-app notices). */
  readonly locale?: Locale | undefined;
}

/**
 * Changes what the owner may change freely: the name and the language of messages. Contacts and
 * the password have their own verified flows. Saving the same values again changes nothing and
 * writes no audit record.
 */
export async function updateProfile(
  ctx: IdentityContext,
  userId: string,
  change: ProfileChange,
  context: RequestContext | undefined,
): Promise<void> {
  const fullName = change.fullName === undefined ? undefined : normalizeFullName(change.fullName);
  await ctx.db.transaction(async (tx) => {
    const user = await findUser(tx, userId, { forUpdate: true });
    if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
    const nameChanged =
      fullName !== undefined &&
      (user.fullNameCiphertext === null ||
        openFor(ctx.encryptor, user.id, 'full_name', user.fullNameCiphertext) !== fullName);
    const localeChanged = change.locale !== undefined && change.locale !== user.locale;
    if (!nameChanged && !localeChanged) return;
    await updateUser(tx, user.id, {
      ...(nameChanged ? { fullNameCiphertext: sealFor(ctx.encryptor, user.id, 'full_name', fullName) } : {}),
      ...(localeChanged ? { locale: change.locale } : {}),
      updatedAt: ctx.clock.now(),
    });
    // The name is personal data: the record says that it changed, never what it is.
    await ctx.audit.record(tx, {
      actor: user.id,
      action: 'identity.profile-updated',
      entityType: 'user',
      entityId: user.id,
      ...(localeChanged ? { before: { locale: user.locale } } : {}),
      after: {
        fields: [...(nameChanged ? ['fullName'] : []), ...(localeChanged ? ['locale'] : [])],
        ...(localeChanged ? { locale: change.locale } : {}),
      },
      context,
    });
  });
}
