import { cookieValue } from '../i18n/preferred-locale.ts';

/**
 * Between "register" and "enter the code" (and "forgot" and "reset"), the address the code went to
 * is kept in a short-lived httpOnly cookie rather than in the URL: URLs end up in logs and history.
 */
const COOKIE = 'sauda_pending_contact';
const MAX_AGE_SECONDS = 3600;

export type Contact = { readonly email: string } | { readonly phone: string };

/** An address typed into one field: email when it has an @, else a phone number. */
export const contactOf = (login: string): Contact =>
  login.includes('@') ? { email: login } : { phone: login };

export function pendingContactCookie(contact: Contact, origin: string): string {
  const value = Buffer.from(JSON.stringify(contact)).toString('base64url');
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return `${COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

export const clearPendingContactCookie = (): string =>
  `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;

export function readPendingContact(request: Request): Contact | null {
  const raw = cookieValue(request.headers.get('cookie'), COOKIE);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed.email === 'string' && parsed.email.length <= 254) return { email: parsed.email };
    if (typeof parsed.phone === 'string' && parsed.phone.length <= 32) return { phone: parsed.phone };
  } catch {
    // A cookie that is not ours (or was edited) is treated as absent.
  }
  return null;
}

/** How the address is shown back to its owner: `a•••@example.kz`, `+7 ••• ••• 45 67`. */
export function maskContact(contact: Contact): string {
  if ('email' in contact) {
    const [name = '', domain = ''] = contact.email.split('@');
    return `${name.slice(0, 1)}•••@${domain}`;
  }
  const digits = contact.phone.replace(/\D/g, '');
  return `+${digits.slice(0, 1)} ••• ••• ${digits.slice(-4, -2)} ${digits.slice(-2)}`;
}
