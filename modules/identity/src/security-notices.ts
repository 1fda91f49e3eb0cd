import { isLocale, type Executor } from '@sauda/platform';
import { openFor, type ContactKind } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import type { UserRow } from './identity.tables.ts';
import type { SecurityNoticeKind } from './notifier.ts';

interface Contacts {
  email?: string;
  phone?: string;
}

/**
 * The contact points of the account that it has proven it controls. Notices go only there: an
 * address typed in but never confirmed may be someone else's, and must not learn about the account.
 */
function verifiedContacts(ctx: IdentityContext, user: UserRow): Contacts {
  const contacts: Contacts = {};
  if (user.emailCiphertext && user.emailVerifiedAt)
    contacts.email = openFor(ctx.encryptor, user.id, 'email', user.emailCiphertext);
  if (user.phoneCiphertext && user.phoneVerifiedAt)
    contacts.phone = openFor(ctx.encryptor, user.id, 'phone', user.phoneCiphertext);
  return contacts;
}

/**
 * Sends a security notice in the change's transaction. `user` is the row as it was before the
 * change. With `prefer`, the notice goes to that contact point (the address being replaced, so its
 * owner hears of the change even if someone else made it), or, when the account had no verified one,
 * to the other verified contact point; without it, to every verified contact point.
 */
export async function sendSecurityNotice(
  ctx: IdentityContext,
  executor: Executor,
  user: UserRow,
  kind: SecurityNoticeKind,
  prefer?: ContactKind,
): Promise<void> {
  const contacts = verifiedContacts(ctx, user);
  const preferred = prefer && contacts[prefer];
  const to: Contacts = prefer && preferred ? { [prefer]: preferred } : contacts;
  if (to.email === undefined && to.phone === undefined) return;
  await ctx.notifier.sendNotice(executor, {
    userId: user.id,
    kind,
    email: to.email,
    phone: to.phone,
    locale: isLocale(user.locale) ? user.locale : 'ru',
  });
}
