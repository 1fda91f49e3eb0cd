import { AppError, newId, type Locale } from '@sauda/platform';
import {
  contactIndex,
  normalizeEmail,
  normalizeFullName,
  normalizePhone,
  sealFor,
} from './contact-points.ts';
import type { Actor, IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { addRole, findUserByContact, insertUser, rolesOf } from './users.repository.ts';

export type CreateAdminResult =
  | { readonly status: 'created'; readonly userId: string }
  | { readonly status: 'already-admin'; readonly userId: string };

/**
 * Creates an active administrator from the command line (`sauda admin create`). Running it again
 * for the same address is harmless (already-admin); an existing non-admin account with that address
 * is refused rather than silently elevated, since anyone could have registered it. The operator
 * vouches for the contact points, so they count as verified; 2FA must still be enrolled before the
 * admin permissions apply.
 */
export async function createAdmin(
  ctx: IdentityContext,
  actor: Actor,
  input: {
    email?: string | undefined;
    phone?: string | undefined;
    fullName: string;
    password: string;
    locale?: Locale;
  },
): Promise<CreateAdminResult> {
  const email = input.email === undefined ? undefined : normalizeEmail(input.email);
  const phone = input.phone === undefined ? undefined : normalizePhone(input.phone);
  if (!email && !phone) throw new AppError(IdentityErrors.IDENTITY_CONTACT_REQUIRED);
  const fullName = normalizeFullName(input.fullName);
  const emailIndex = email ? contactIndex(ctx.encryptor, 'email', email) : null;
  const phoneIndex = phone ? contactIndex(ctx.encryptor, 'phone', phone) : null;
  const existing =
    (emailIndex && (await findUserByContact(ctx.db, 'email', emailIndex))) ||
    (phoneIndex && (await findUserByContact(ctx.db, 'phone', phoneIndex)));
  if (existing) {
    if ((await rolesOf(ctx.db, existing.id)).includes('admin'))
      return { status: 'already-admin', userId: existing.id };
    throw new AppError(IdentityErrors.IDENTITY_ADMIN_EXISTS);
  }
  assertAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const userId = newId('usr');
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await insertUser(tx, {
      id: userId,
      status: 'active',
      emailCiphertext: email ? sealFor(ctx.encryptor, userId, 'email', email) : null,
      emailIndex,
      emailVerifiedAt: email ? now : null,
      phoneCiphertext: phone ? sealFor(ctx.encryptor, userId, 'phone', phone) : null,
      phoneIndex,
      phoneVerifiedAt: phone ? now : null,
      fullNameCiphertext: sealFor(ctx.encryptor, userId, 'full_name', fullName),
      passwordHash,
      passwordChangedAt: now,
      locale: input.locale ?? 'ru',
      createdAt: now,
      updatedAt: now,
    });
    for (const role of ['member', 'admin'] as const) {
      await addRole(tx, { userId, role, grantedAt: now, grantedBy: actor.id });
    }
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'identity.user-created',
      entityType: 'user',
      entityId: userId,
      after: { status: 'active' },
      context: actor.context,
    });
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'identity.role-granted',
      entityType: 'user',
      entityId: userId,
      before: { roles: [] },
      after: { roles: ['admin', 'member'] },
      context: actor.context,
    });
  });
  return { status: 'created', userId };
}
