import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, cookieHeaders, cookiesFrom, field, formOf, text } from '../../api/api.server.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { contactOf, pendingContactCookie } from '../../session/pending-contact.server.ts';
import { clearReferralCookie, referralCodeOf } from '../../session/referral.server.ts';
import { safeNext } from '../../session/safe-next.ts';
import { loadViewer } from '../../session/session.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

const SECOND_FACTOR_REQUIRED = 'IDENTITY_SECOND_FACTOR_REQUIRED';
const INVALID_SECOND_FACTOR = 'IDENTITY_INVALID_SECOND_FACTOR';
const NOT_VERIFIED = 'IDENTITY_ACCOUNT_NOT_VERIFIED';

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get('next'), locale);
  if (await loadViewer(request, context, locale)) throw redirect(next);
  const t = translator(locale);
  return {
    next,
    notice: url.searchParams.has('verified') ? 'verified' : url.searchParams.has('reset') ? 'reset' : null,
    seo: {
      title: t('auth.login.title'),
      description: t('auth.login.description'),
      path: '/login',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

interface LoginResponse {
  readonly userId: string;
  readonly csrfToken: string;
}

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const login = field(form, 'login');
  const secondFactor = field(form, 'secondFactor');
  const altcha = field(form, 'altcha');
  const result = await callApi<LoginResponse>(context, locale, 'POST', '/v1/auth/login', {
    body: {
      login,
      password: text(form, 'password'),
      ...(secondFactor ? { secondFactor } : {}),
      ...(altcha ? { altcha } : {}),
    },
  });
  if (!result.ok) {
    const code = result.problem.code;
    const headers: HeadersInit =
      code === NOT_VERIFIED && login
        ? { 'Set-Cookie': pendingContactCookie(contactOf(login), context.origin) }
        : {};
    return data(
      {
        problem: result.form,
        secondFactor: code === SECOND_FACTOR_REQUIRED || code === INVALID_SECOND_FACTOR,
      },
      { status: result.status, headers },
    );
  }
  const asTheUser = { cookie: cookiesFrom(result.setCookies), csrfToken: result.data.csrfToken };
  // tracking attributes "go to shop" clicks to the user through its click-context cookie.
  const clickContext = await callApi(context, locale, 'POST', '/v1/tracking/context', asTheUser);
  // An invitation followed before signing up is claimed now; refused or not, it is used up.
  const referral = referralCodeOf(request);
  if (referral)
    await callApi(context, locale, 'POST', '/v1/referrals/claim', { ...asTheUser, body: { code: referral } });
  throw redirect(safeNext(field(form, 'next'), locale), {
    headers: cookieHeaders(
      result.setCookies,
      clickContext.ok ? clickContext.setCookies : [],
      referral ? [clearReferralCookie()] : [],
    ),
  });
}

export default function Login() {
  const { next, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const problem = result?.problem;
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <AuthCard title={t('auth.login.title')}>
      <Form method="post" className="space-y-4" noValidate>
        {notice && (
          <Notice>{t(notice === 'verified' ? 'auth.login.verified' : 'auth.login.passwordReset')}</Notice>
        )}
        {problem?.code !== SECOND_FACTOR_REQUIRED && <ProblemAlert problem={problem} />}
        {problem?.code === NOT_VERIFIED && (
          <p>
            <Link className="font-semibold text-brand-800 underline" to={href('/verify')}>
              {t('auth.login.verifyNow')}
            </Link>
          </p>
        )}
        <input type="hidden" name="next" value={next} />
        <TextField
          name="login"
          label={t('auth.fields.login')}
          autoComplete="username"
          required
          maxLength={254}
          error={problem?.fields.login}
        />
        <TextField
          name="password"
          type="password"
          label={t('auth.fields.password')}
          autoComplete="current-password"
          required
          maxLength={256}
          error={problem?.fields.password}
        />
        {result?.secondFactor && (
          <TextField
            name="secondFactor"
            label={t('auth.fields.secondFactor')}
            autoComplete="one-time-code"
            required
            maxLength={32}
            hint={t('auth.login.secondFactorHint')}
            error={problem?.code === INVALID_SECOND_FACTOR ? problem.title : undefined}
            autoFocus
          />
        )}
        {needsChallenge && <AltchaChallenge />}
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('auth.login.submit')}
        </button>
      </Form>
      <div className="mt-6 flex flex-col gap-2 text-center">
        <Link className="font-semibold text-brand-800 underline" to={href('/password/forgot')}>
          {t('auth.login.forgot')}
        </Link>
        <p className="text-slate-700">
          {t('auth.login.noAccount')}{' '}
          <Link className="font-semibold text-brand-800 underline" to={href('/register')}>
            {t('nav.register')}
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
