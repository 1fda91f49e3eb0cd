import { redirect, type AppLoadContext } from 'react-router';
import { callApi } from '../api/api.server.ts';
import { cookieValue } from '../i18n/preferred-locale.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Viewer } from './viewer.ts';

/** Cookie names set by identity's web sign-in (docs/api/authentication.md). */
export const SESSION_COOKIE = 'sauda_session';
export const CSRF_COOKIE = 'sauda_csrf';

interface MeResponse {
  readonly profile: Viewer & { readonly status: string };
}

/** The signed-in visitor, or null; asks the API only when a session cookie is present. */
export async function loadViewer(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
): Promise<Viewer | null> {
  if (!cookieValue(request.headers.get('cookie'), SESSION_COOKIE)) return null;
  const me = await callApi<MeResponse>(context, locale, 'GET', '/v1/me');
  if (!me.ok) return null;
  const { profile } = me.data;
  return {
    id: profile.id,
    fullName: profile.fullName,
    email: profile.email,
    emailVerified: profile.emailVerified,
    phone: profile.phone,
    phoneVerified: profile.phoneVerified,
    locale: profile.locale,
    roles: profile.roles,
    twoFactorEnabled: profile.twoFactorEnabled,
    backupCodesRemaining: profile.backupCodesRemaining,
    createdAt: profile.createdAt,
  };
}

/** The CSRF token of the visitor's session (not secret from them; it proves a form came from this site). */
export const csrfTokenOf = (request: Request): string =>
  cookieValue(request.headers.get('cookie'), CSRF_COOKIE) ?? '';

/** tracking's cookie that attributes /go clicks to the signed-in user (modules/tracking). */
export const CLICK_CONTEXT_COOKIE = 'sauda_click';

/**
 * Set-Cookie lines of a fresh click context when a signed-in visitor has none (it lives a week, a
 * session longer), so a "go to shop" click always counts for them.
 */
export async function clickContextCookies(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
): Promise<readonly string[]> {
  if (cookieValue(request.headers.get('cookie'), CLICK_CONTEXT_COOKIE)) return [];
  const issued = await callApi(context, locale, 'POST', '/v1/tracking/context', {
    csrfToken: csrfTokenOf(request),
  });
  return issued.ok ? issued.setCookies : [];
}

/** The signed-in visitor, or a redirect to sign in that comes back to this page afterwards. */
export async function requireViewer(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
): Promise<Viewer> {
  const viewer = await loadViewer(request, context, locale);
  if (viewer) return viewer;
  const url = new URL(request.url);
  throw redirect(`/${locale}/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
}
