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
import { callApi, field, formOf, loadFromApi, text } from '../../api/api.server.ts';
import type { FormProblem } from '../../api/problem.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { NewPasswordField } from '../../forms/password-field.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { pendingContactCookie, type Contact } from '../../session/pending-contact.server.ts';
import { referralCodeOf } from '../../session/referral.server.ts';
import { loadViewer } from '../../session/session.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

interface LegalDocuments {
  readonly documents: readonly { document: string; version: string }[];
}

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  if (await loadViewer(request, context, locale)) throw redirect(`/${locale}/account`);
  const t = translator(locale);
  const legal = await loadFromApi<LegalDocuments>(context, locale, '/v1/auth/legal-documents');
  return {
    invited: referralCodeOf(request) !== null,
    documents: legal.documents.map((doc) => ({ document: doc.document, version: doc.version })),
    seo: { title: t('auth.register.title'), description: t('auth.register.description'), path: '/register' },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const form = await formOf(request);
  const email = field(form, 'email');
  const phone = field(form, 'phone');
  const accepted = form.getAll('accept').filter((value): value is string => typeof value === 'string');
  const legal = await loadFromApi<LegalDocuments>(context, locale, '/v1/auth/legal-documents');

  const fields: Record<string, string> = {};
  if (!email && !phone) fields.email = t('auth.register.contactRequired');
  for (const doc of legal.documents) {
    if (!accepted.includes(`${doc.document}@${doc.version}`))
      fields[`accept-${doc.document}`] = t('auth.register.consentRequired');
  }
  if (Object.keys(fields).length > 0) {
    const problem: FormProblem = {
      code: 'WEB_FORM_INCOMPLETE',
      title: t('forms.fixErrors'),
      fields,
      retryAfterSeconds: null,
    };
    return data({ problem }, { status: 400 });
  }

  const altcha = field(form, 'altcha');
  const result = await callApi(context, locale, 'POST', '/v1/auth/register', {
    body: {
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      fullName: field(form, 'fullName'),
      password: text(form, 'password'),
      locale,
      acceptedDocuments: legal.documents.map((doc) => ({ document: doc.document, version: doc.version })),
      ...(altcha ? { altcha } : {}),
    },
  });
  if (!result.ok) return data({ problem: result.form }, { status: result.status });
  const contact: Contact = email ? { email } : { phone };
  throw redirect(`/${locale}/verify`, {
    headers: { 'Set-Cookie': pendingContactCookie(contact, context.origin) },
  });
}

export default function Register() {
  const { documents, invited } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>()?.problem;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <AuthCard title={t('auth.register.title')} lead={t('auth.register.lead')}>
      <Form method="post" className="space-y-4" noValidate>
        {invited && <Notice>{t('auth.register.invited')}</Notice>}
        <ProblemAlert problem={problem} />
        <TextField
          name="fullName"
          label={t('auth.fields.fullName')}
          autoComplete="name"
          required
          maxLength={200}
          error={problem?.fields.fullName}
        />
        <fieldset className="space-y-4">
          <legend className="text-sm text-slate-700">{t('auth.register.contactLegend')}</legend>
          <TextField
            name="email"
            type="email"
            label={t('auth.fields.email')}
            autoComplete="email"
            maxLength={254}
            error={problem?.fields.email}
          />
          <TextField
            name="phone"
            type="tel"
            label={t('auth.fields.phone')}
            autoComplete="tel"
            inputMode="tel"
            maxLength={32}
            hint={t('auth.fields.phoneHint')}
            error={problem?.fields.phone}
          />
        </fieldset>
        <NewPasswordField
          name="password"
          label={t('auth.fields.password')}
          error={problem?.fields.password}
        />
        <fieldset className="space-y-2">
          <legend className="font-medium">{t('auth.register.consents')}</legend>
          {documents.map((doc) => {
            const error = problem?.fields[`accept-${doc.document}`];
            return (
              <div key={doc.document}>
                <label className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    name="accept"
                    value={`${doc.document}@${doc.version}`}
                    required
                    className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
                    aria-invalid={error ? true : undefined}
                  />
                  <span>
                    {t(
                      doc.document === 'privacy'
                        ? 'auth.register.acceptPrivacy'
                        : 'auth.register.acceptTerms',
                    )}{' '}
                    <Link
                      className="text-brand-800 underline"
                      to={href(`/legal/${doc.document}/${doc.version}`)}
                      target="_blank"
                    >
                      {t('auth.register.read')}
                    </Link>
                  </span>
                </label>
                {error && <p className="field-error">{error}</p>}
              </div>
            );
          })}
        </fieldset>
        {needsChallenge && <AltchaChallenge />}
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('auth.register.submit')}
        </button>
      </Form>
      <p className="mt-6 text-center text-slate-700">
        {t('auth.register.haveAccount')}{' '}
        <Link className="font-semibold text-brand-800 underline" to={href('/login')}>
          {t('nav.signIn')}
        </Link>
      </p>
    </AuthCard>
  );
}
