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
import { callApi, field, formOf } from '../../api/api.server.ts';
import type { FormProblem } from '../../api/problem.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import {
  clearPendingContactCookie,
  contactOf,
  maskContact,
  pendingContactCookie,
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
      title: t('auth.verify.title'),
      description: t('auth.verify.lead'),
      path: '/verify',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const typed = field(form, 'contact');
  const contact = readPendingContact(request) ?? (typed ? contactOf(typed) : null);
  if (!contact) {
    const t = translator(locale);
    const problem: FormProblem = {
      code: 'WEB_FORM_INCOMPLETE',
      title: t('forms.fixErrors'),
      fields: { contact: t('auth.verify.contactRequired') },
      retryAfterSeconds: null,
    };
    return data({ resent: false, problem }, { status: 400 });
  }
  const altcha = field(form, 'altcha');
  const challenge = altcha ? { altcha } : {};
  // Remember an address typed here, so a resend and the next attempt need not ask again.
  const remember = { 'Set-Cookie': pendingContactCookie(contact, context.origin) };
  if (form.get('intent') === 'resend') {
    const resent = await callApi(context, locale, 'POST', '/v1/auth/verify/resend', {
      body: { ...contact, ...challenge },
    });
    if (!resent.ok)
      return data({ resent: false, problem: resent.form }, { status: resent.status, headers: remember });
    return data({ resent: true, problem: null }, { headers: remember });
  }
  const verified = await callApi(context, locale, 'POST', '/v1/auth/verify', {
    body: { ...contact, code: field(form, 'code'), ...challenge },
  });
  if (!verified.ok)
    return data({ resent: false, problem: verified.form }, { status: verified.status, headers: remember });
  throw redirect(`/${locale}/login?verified=1`, { headers: { 'Set-Cookie': clearPendingContactCookie() } });
}

export default function Verify() {
  const { sentTo, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const problem = result?.problem;
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <AuthCard
      title={t('auth.verify.title')}
      lead={sentTo ? t('auth.verify.sentTo', { contact: sentTo }) : t('auth.verify.lead')}
    >
      <Form method="post" className="space-y-4" noValidate>
        <ProblemAlert problem={problem} />
        {result?.resent && <Notice>{t('auth.verify.resent')}</Notice>}
        {!sentTo && (
          <TextField
            name="contact"
            label={t('auth.fields.login')}
            autoComplete="username"
            required
            maxLength={254}
            error={problem?.fields.contact}
          />
        )}
        <TextField
          name="code"
          label={t('auth.fields.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={32}
          required
          hint={t('auth.verify.codeHint')}
          error={problem?.fields.code}
        />
        {needsChallenge && <AltchaChallenge />}
        <button
          type="submit"
          name="intent"
          value="verify"
          className="button w-full"
          disabled={navigation.state === 'submitting'}
        >
          {t('auth.verify.submit')}
        </button>
        <button type="submit" name="intent" value="resend" className="button-secondary w-full" formNoValidate>
          {t('auth.verify.resend')}
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
