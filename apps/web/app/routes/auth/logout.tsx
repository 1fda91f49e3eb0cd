import { redirect } from 'react-router';
import { callApi, cookieHeaders, field, formOf } from '../../api/api.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../session/session.server.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

/** Signing out only by POST with the session's CSRF token: a link or an image must not sign anyone out. */
export function loader({ params }: LoaderArgs): never {
  throw redirect(`/${localeParam(params)}`);
}

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const csrfToken = field(form, 'csrf');
  const loggedOut = await callApi(context, locale, 'POST', '/v1/auth/logout', { csrfToken });
  const forgotten = await callApi(context, locale, 'DELETE', '/v1/tracking/context', { csrfToken });
  // A session that already ended server-side leaves its cookies behind unless they are dropped here.
  const stale =
    loggedOut.status === 401
      ? [SESSION_COOKIE, CSRF_COOKIE].map((name) => `${name}=; Path=/; Max-Age=0; Secure; SameSite=Lax`)
      : [];
  throw redirect(`/${locale}`, { headers: cookieHeaders(loggedOut.setCookies, forgotten.setCookies, stale) });
}
