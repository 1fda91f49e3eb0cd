import { redirect } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import { preferredLocale } from '../../i18n/preferred-locale.ts';
import type { LoaderArgs } from '../../route-args.ts';
import { normalizeReferralCode, referralCookie } from '../../session/referral.server.ts';

/**
 * `/r/<code>`, the link referrals hand out: the visit is counted, the code remembered for the claim
 * after sign-in, and the visitor sent to sign up in their language. A code the API does not know is
 * not remembered.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = preferredLocale(
    { cookie: request.headers.get('cookie'), acceptLanguage: request.headers.get('accept-language') },
    context.defaultLocale,
  );
  const code = normalizeReferralCode(params.code);
  const headers = new Headers({ Vary: 'Accept-Language, Cookie' });
  if (code) {
    const visit = await callApi(context, locale, 'POST', '/v1/referrals/visits', { body: { code } });
    if (visit.ok) headers.append('Set-Cookie', referralCookie(code, context.origin));
  }
  throw redirect(`/${locale}/register`, { headers });
}
