import { AppError, newId, publishEvent, type Locale, type RequestContext } from '@sauda/platform';
import {
  contactIndex,
  normalizeEmail,
  normalizeFullName,
  normalizePhone,
  sealFor,
} from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { UserRegistered } from './identity.events.ts';
import type { CodeChannel } from './identity.tables.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import {
  addRole,
  currentLegalDocuments,
  findUserByContact,
  insertConsents,
  insertUserIfNew,
} from './users.repository.ts';

export interface RegistrationInput {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly fullName: string;
  readonly password: string;
  readonly locale: Locale;
  readonly acceptedDocuments: readonly { readonly document: string; readonly version: string }[];
  readonly altcha?: string | undefined;
}

export interface RegistrationResult {
  /** Where codes were sent; identical whether or not the address already had an account. */
  readonly channels: readonly CodeChannel[];
}

/**
 * Creates an account pending verification and sends a code to each given contact point. When an
 * address is already taken the answer is the same and nothing is created or sent, so registration
 * cannot be used to find out who has an account.
 */
export async function registerUser(
  ctx: IdentityContext,
  input: RegistrationInput,
  context: RequestContext | undefined,
): Promise<RegistrationResult> {
  const email = input.email === undefined ? undefined : normalizeEmail(input.email);
  const phone = input.phone === undefined ? undefined : normalizePhone(input.phone);
  if (!email && !phone) throw new AppError(IdentityErrors.IDENTITY_CONTACT_REQUIRED);
  const fullName = normalizeFullName(input.fullName);
  assertAcceptablePassword(input.password);
  const subjects = { ip: context?.ip, account: email ?? phone };
  await ctx.abuse.check('register', subjects, input.altcha);

  const now = ctx.clock.now();
  const documents = await currentLegalDocuments(ctx.db, now);
  const accepted = documents.every((doc) =>
    input.acceptedDocuments.some((given) => given.document === doc.document && given.version === doc.version),
  );
  if (!accepted) throw new AppError(IdentityErrors.IDENTITY_CONSENT_REQUIRED);

  const channels: CodeChannel[] = [...(email ? ['email' as const] : []), ...(phone ? ['sms' as const] : [])];
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await ctx.abuse.fail(tx, 'register', subjects);
    const emailIndex = email ? contactIndex(ctx.encryptor, 'email', email) : null;
    const phoneIndex = phone ? contactIndex(ctx.encryptor, 'phone', phone) : null;
    const taken =
      (emailIndex && (await findUserByContact(tx, 'email', emailIndex))) ||
      (phoneIndex && (await findUserByContact(tx, 'phone', phoneIndex)));
    if (taken) return;
    const userId = newId('usr');
    const created = await insertUserIfNew(tx, {
      id: userId,
      status: 'pending_verification',
      emailCiphertext: email ? sealFor(ctx.encryptor, userId, 'email', email) : null,
      emailIndex,
      phoneCiphertext: phone ? sealFor(ctx.encryptor, userId, 'phone', phone) : null,
      phoneIndex,
      fullNameCiphertext: sealFor(ctx.encryptor, userId, 'full_name', fullName),
      passwordHash,
      passwordChangedAt: now,
      locale: input.locale,
      createdAt: now,
      updatedAt: now,
    });
    // Lost a race with a concurrent registration of the same address: same answer as "taken".
    if (!created) return;
    await addRole(tx, { userId, role: 'member', grantedAt: now, grantedBy: 'system:registration' });
    await insertConsents(
      tx,
      documents.map((doc) => ({
        id: newId('cns'),
        userId,
        document: doc.document,
        version: doc.version,
        acceptedAt: now,
        ip: context?.ip ?? null,
      })),
    );
    if (email) {
      await ctx.codes.issue(tx, {
        userId,
        purpose: 'verify-email',
        channel: 'email',
        address: email,
        locale: input.locale,
      });
    }
    if (phone) {
      await ctx.codes.issue(tx, {
        userId,
        purpose: 'verify-phone',
        channel: 'sms',
        address: phone,
        locale: input.locale,
      });
    }
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.user-registered',
      entityType: 'user',
      entityId: userId,
      after: {
        status: 'pending_verification',
        channels,
        locale: input.locale,
        consents: documents.map((doc) => ({ document: doc.document, version: doc.version })),
      },
      context,
    });
    await publishEvent(tx, UserRegistered, { userId, locale: input.locale });
  });
  return { channels };
}
