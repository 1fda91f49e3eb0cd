import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf, text } from '../../api/api.server.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { ProblemAlert, TextField } from '../../forms/fields.tsx';
import { NewPasswordField } from '../../forms/password-field.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import {
  clearPendingContactCookie,
  contactOf,
  maskContact,
  readPendingContact,
} from '../../session/pending-contact.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

export function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const contact = readPendingContact(request);
  return {
    sentTo: contact ? maskContact(contact) : null,
    demo: context.demo,
    seo: {
      title: t('auth.reset.title'),
      description: t('auth.reset.lead'),
      path: '/password/reset',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const typed = field(form, 'login');
  const contact = readPendingContact(request) ?? (typed ? contactOf(typed) : { email: '' });
  const altcha = field(form, 'altcha');
  const result = await callApi(context, locale, 'POST', '/v1/auth/password/reset', {
    body: {
      ...contact,
      code: field(form, 'code'),
      newPassword: text(form, 'newPassword'),
      ...(altcha ? { altcha } : {}),
    },
  });
  if (!result.ok) return data({ problem: result.form }, { status: result.status });
  throw redirect(`/${locale}/login?reset=1`, { headers: { 'Set-Cookie': clearPendingContactCookie() } });
}

export default function ResetPassword() {
  const { sentTo, demo } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>()?.problem;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <AuthCard
      title={t('auth.reset.title')}
      lead={sentTo ? t('auth.verify.sentTo', { contact: sentTo }) : t('auth.reset.lead')}
    >
      <Form method="post" className="space-y-4" noValidate>
        <ProblemAlert problem={problem} />
        {!sentTo && (
          <TextField
            name="login"
            label={t('auth.fields.login')}
            autoComplete="username"
            required
            maxLength={254}
          />
        )}
        <TextField
          name="code"
          label={t('auth.fields.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={32}
          required
          error={problem?.fields.code}
        />
        <NewPasswordField
          name="newPassword"
          label={t('auth.fields.newPassword')}
          error={problem?.fields.newPassword}
        />
        {needsChallenge && <AltchaChallenge />}
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('auth.reset.submit')}
        </button>
      </Form>
      {demo && (
        <p className="mt-6 rounded-lg bg-slate-100 p-3 text-sm text-slate-700">
          {t('auth.demoMailbox')}{' '}
          <a
            className="font-semibold text-brand-800 underline"
            href="/dev/mailbox"
            target="_blank"
            rel="noopener"
          >
            /dev/mailbox
          </a>
        </p>
      )}
    </AuthCard>
  );
}
