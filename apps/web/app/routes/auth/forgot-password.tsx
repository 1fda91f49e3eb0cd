import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect, useActionData, useNavigation, type MetaFunction } from 'react-router';
import { callApi, field, formOf } from '../../api/api.server.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { contactOf, pendingContactCookie } from '../../session/pending-contact.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

export function loader({ params }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  return {
    seo: {
      title: t('auth.forgot.title'),
      description: t('auth.forgot.lead'),
      path: '/password/forgot',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const login = field(form, 'login');
  const altcha = field(form, 'altcha');
  const contact = contactOf(login);
  const result = await callApi(context, locale, 'POST', '/v1/auth/password/forgot', {
    body: { ...contact, ...(altcha ? { altcha } : {}) },
  });
  if (!result.ok) return data({ problem: result.form }, { status: result.status });
  throw redirect(`/${locale}/password/reset`, {
    headers: { 'Set-Cookie': pendingContactCookie(contact, context.origin) },
  });
}

export default function ForgotPassword() {
  const problem = useActionData<typeof action>()?.problem;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <AuthCard title={t('auth.forgot.title')} lead={t('auth.forgot.lead')}>
      <Form method="post" className="space-y-4" noValidate>
        <ProblemAlert problem={problem} />
        <TextField
          name="login"
          label={t('auth.fields.login')}
          autoComplete="username"
          required
          maxLength={254}
          error={problem?.fields.email ?? problem?.fields.phone}
        />
        {needsChallenge && <AltchaChallenge />}
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('auth.forgot.submit')}
        </button>
      </Form>
      <p className="mt-6 text-center">
        <Link className="font-semibold text-brand-800 underline" to={href('/login')}>
          {t('auth.forgot.back')}
        </Link>
      </p>
    </AuthCard>
  );
}
