import { cookieValue } from '../i18n/preferred-locale.ts';

/** The referral code a visitor arrived with (`/r/<code>`), kept until they sign in and it is claimed. */
const COOKIE = 'sauda_referral';
const MAX_AGE_SECONDS = 30 * 86_400;
const CODE = /^[A-Za-z0-9-]{1,16}$/;

export const normalizeReferralCode = (code: string | undefined): string | null =>
  code && CODE.test(code) ? code.replaceAll('-', '').toUpperCase() : null;

export function referralCookie(code: string, origin: string): string {
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return `${COOKIE}=${code}; Path=/; Max-Age=${String(MAX_AGE_SECONDS)}; HttpOnly; SameSite=Lax${secure}`;
}

export const clearReferralCookie = (): string => `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;

export const referralCodeOf = (request: Request): string | null =>
  normalizeReferralCode(cookieValue(request.headers.get('cookie'), COOKIE));
