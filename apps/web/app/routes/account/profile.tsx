import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  redirect,
  redirectDocument,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf, text } from '../../api/api.server.ts';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { LOCALE_NAMES, LOCALES, isLocale, type Locale } from '../../i18n/locales.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { requireViewer } from '../../session/session.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

const KINDS = ['email', 'phone'] as const;
const INVALID_NAME = 'IDENTITY_INVALID_NAME';
type ContactKind = (typeof KINDS)[number];
const kindOf = (value: unknown): ContactKind | null =>
  value === 'email' || value === 'phone' ? value : null;

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const viewer = await requireViewer(request, context, locale);
  const t = translator(locale);
  const url = new URL(request.url);
  return {
    viewer,
    confirming: kindOf(url.searchParams.get('confirm')),
    changed: kindOf(url.searchParams.get('changed')),
    saved: url.searchParams.has('saved'),
    seo: {
      title: t('account.profile.title'),
      description: t('account.profile.title'),
      path: '/account/profile',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

/**
 * The name and the account's language (identity's `locale`: emails, SMS, notices). The page then
 * opens in that language, which also makes it the site's remembered language (the locale cookie).
 */
async function saveDetails(
  context: ActionArgs['context'],
  locale: Locale,
  form: FormData,
  csrfToken: string,
) {
  const chosen = field(form, 'locale');
  const result = await callApi(context, locale, 'PATCH', '/v1/me', {
    csrfToken,
    // As typed: identity tidies the spaces and names a blank name clearly (IDENTITY_INVALID_NAME).
    body: { fullName: text(form, 'fullName'), locale: chosen },
  });
  if (!result.ok) {
    // The API names a blank name by its code rather than by a field; show it at the field.
    const problem =
      result.problem.code === INVALID_NAME
        ? { ...result.form, fields: { ...result.form.fields, fullName: result.form.title } }
        : result.form;
    return data({ problem, kind: 'details' as const }, { status: result.status });
  }
  // A full page load, not a client-side navigation: the new language comes with its own dictionary.
  throw redirectDocument(`/${isLocale(chosen) ? chosen : locale}/account/profile?saved=1`);
}

/**
 * Changing a contact is two steps (identity): ask with the new address, proving it is you (the
 * current password, or a second-factor code when 2FA is on), then confirm with the code sent there.
 */
export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const viewer = await requireViewer(request, context, locale);
  const form = await formOf(request);
  const csrfToken = field(form, 'csrf');
  const intent = text(form, 'intent');
  if (intent === 'details') return saveDetails(context, locale, form, csrfToken);
  const kind = kindOf(field(form, 'kind'));
  if (!kind) return data({ problem: null, kind: null }, { status: 400 });
  const altcha = field(form, 'altcha');

  if (intent === 'request') {
    if (viewer.twoFactorEnabled) {
      const stepUp = await callApi(context, locale, 'POST', '/v1/auth/step-up', {
        csrfToken,
        body: { code: field(form, 'code') },
      });
      if (!stepUp.ok) return data({ problem: stepUp.form, kind }, { status: stepUp.status });
    }
    const result = await callApi(context, locale, 'POST', `/v1/me/${kind}`, {
      csrfToken,
      body: {
        [kind]: field(form, 'value'),
        ...(viewer.twoFactorEnabled ? {} : { password: text(form, 'password') }),
        ...(altcha ? { altcha } : {}),
      },
    });
    if (!result.ok) return data({ problem: result.form, kind }, { status: result.status });
    throw redirect(`/${locale}/account/profile?confirm=${kind}`);
  }

  const confirmed = await callApi(context, locale, 'POST', `/v1/me/${kind}/confirm`, {
    csrfToken,
    body: { code: field(form, 'code'), ...(altcha ? { altcha } : {}) },
  });
  if (!confirmed.ok) return data({ problem: confirmed.form, kind }, { status: confirmed.status });
  throw redirect(`/${locale}/account/profile?changed=${kind}`);
}

function ContactSection({ kind }: { kind: ContactKind }) {
  const { viewer, confirming } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const problem = result?.kind === kind ? result.problem : null;
  const current = kind === 'email' ? viewer.email : viewer.phone;
  const verified = kind === 'email' ? viewer.emailVerified : viewer.phoneVerified;
  const needsChallenge = problem?.code === CHALLENGE_REQUIRED || problem?.code === CHALLENGE_FAILED;
  return (
    <section className="card space-y-4" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`} className="text-xl font-semibold">
        {t(`account.profile.${kind}`)}
      </h2>
      <p>
        {current ?? t('account.profile.none')}{' '}
        {current && (
          <span
            className={`ml-2 rounded-full px-2 py-0.5 text-sm ${verified ? 'bg-brand-50 text-brand-800' : 'bg-amber-50 text-amber-900'}`}
          >
            {verified ? t('account.profile.verified') : t('account.profile.unverified')}
          </span>
        )}
      </p>
      <ProblemAlert problem={problem} />
      {confirming === kind ? (
        <Form method="post" className="space-y-3" noValidate>
          <CsrfField />
          <input type="hidden" name="kind" value={kind} />
          <Notice>{t('account.profile.codeSent')}</Notice>
          <TextField
            name="code"
            label={t('auth.fields.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={32}
            required
            error={problem?.fields.code}
          />
          {needsChallenge && <AltchaChallenge />}
          <button
            type="submit"
            name="intent"
            value="confirm"
            className="button"
            disabled={navigation.state === 'submitting'}
          >
            {t('account.profile.confirm')}
          </button>
        </Form>
      ) : (
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-800 underline">
            {t(current ? 'account.profile.change' : 'account.profile.add')}
          </summary>
          <Form method="post" className="mt-3 space-y-3" noValidate>
            <CsrfField />
            <input type="hidden" name="kind" value={kind} />
            <TextField
              name="value"
              type={kind === 'email' ? 'email' : 'tel'}
              label={t(`account.profile.new.${kind}`)}
              autoComplete={kind === 'email' ? 'email' : 'tel'}
              maxLength={kind === 'email' ? 254 : 32}
              required
              error={problem?.fields[kind]}
            />
            {viewer.twoFactorEnabled ? (
              <TextField
                name="code"
                label={t('auth.fields.secondFactor')}
                autoComplete="one-time-code"
                maxLength={32}
                required
                error={problem?.fields.code}
              />
            ) : (
              <TextField
                name="password"
                type="password"
                label={t('account.profile.currentPassword')}
                autoComplete="current-password"
                maxLength={256}
                required
                error={problem?.fields.password}
              />
            )}
            {needsChallenge && <AltchaChallenge />}
            <button
              type="submit"
              name="intent"
              value="request"
              className="button"
              disabled={navigation.state === 'submitting'}
            >
              {t('account.profile.sendCode')}
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

/** Name and language of the account. */
function DetailsSection() {
  const { viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const problem = result?.kind === 'details' ? result.problem : null;
  const hintId = 'language-hint';
  return (
    <section className="card space-y-4" aria-labelledby="details-title">
      <h2 id="details-title" className="text-xl font-semibold">
        {t('account.profile.details')}
      </h2>
      <ProblemAlert problem={problem?.fields.fullName ? null : problem} />
      <Form method="post" className="space-y-4" noValidate>
        <CsrfField />
        <TextField
          name="fullName"
          label={t('auth.fields.fullName')}
          autoComplete="name"
          defaultValue={viewer.fullName ?? ''}
          maxLength={200}
          required
          error={problem?.fields.fullName}
        />
        <fieldset aria-describedby={[hintId, problem?.fields.locale ? 'locale-error' : ''].join(' ').trim()}>
          <legend className="field-label">{t('account.profile.language')}</legend>
          <div className="flex flex-wrap gap-2">
            {LOCALES.map((option) => (
              <label
                key={option}
                lang={option}
                className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3"
              >
                <input type="radio" name="locale" value={option} defaultChecked={viewer.locale === option} />
                {LOCALE_NAMES[option]}
              </label>
            ))}
          </div>
          <p id={hintId} className="field-hint">
            {t('account.profile.languageHint')}
          </p>
          {problem?.fields.locale && (
            <p id="locale-error" className="field-error">
              {problem.fields.locale}
            </p>
          )}
        </fieldset>
        <button
          type="submit"
          name="intent"
          value="details"
          className="button"
          disabled={navigation.state === 'submitting'}
        >
          {t('account.profile.save')}
        </button>
      </Form>
    </section>
  );
}

export default function Profile() {
  const { changed, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('account.profile.title')}</h1>
      {changed && <Notice>{t('account.profile.changed')}</Notice>}
      {saved && <Notice>{t('account.profile.saved')}</Notice>}
      <DetailsSection />
      {KINDS.map((kind) => (
        <ContactSection key={kind} kind={kind} />
      ))}
      <section className="card space-y-3" aria-labelledby="notifications-title">
        <h2 id="notifications-title" className="text-xl font-semibold">
          {t('account.profile.notifications')}
        </h2>
        <p className="text-slate-700">{t('account.profile.notificationsText')}</p>
        <Link to={href('/account/notification-settings')} className="button-secondary">
          {t('account.profile.notificationsLink')}
        </Link>
      </section>
    </div>
  );
}
