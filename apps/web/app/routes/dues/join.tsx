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
import { callApi, field, formOf } from '../../api/api.server.ts';
import { withDuesFields } from '../../dues/dues-problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';
import { pageMeta } from '../../seo/seo.ts';
import { loadViewer } from '../../session/session.server.ts';

/**
 * Becoming a member. The dues API ties a membership to an identity account
 * (`POST /v1/dues/membership` needs a signed-in user), so a visitor signs in or signs up first and
 * comes back here; a member already registered goes straight to the cabinet.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const viewer = await loadViewer(request, context, locale);
  if (viewer) {
    const me = await callApi(context, locale, 'GET', '/v1/dues/me');
    if (me.ok) throw redirect(`/${locale}/dues/cabinet`);
  }
  return {
    signedIn: viewer !== null,
    fullName: viewer?.fullName ?? '',
    phone: viewer?.phone ?? '',
    email: viewer?.email ?? '',
    seo: { title: t('dues.join.title'), description: t('dues.join.description'), path: '/dues/join' },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const OPTIONAL = ['email', 'iin', 'city'] as const;

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const optional: Record<string, string> = {};
  for (const name of OPTIONAL) {
    const value = field(form, name);
    if (value !== '') optional[name] = value;
  }
  const values: Readonly<Record<string, string | undefined>> = {
    fullName: field(form, 'fullName'),
    phone: field(form, 'phone'),
    ...optional,
  };
  const result = await callApi(context, locale, 'POST', '/v1/dues/membership', {
    csrfToken: field(form, 'csrf'),
    body: { ...values, locale },
  });
  if (result.status === 401)
    throw redirect(`/${locale}/login?next=${encodeURIComponent(`/${locale}/dues/join`)}`);
  if (!result.ok)
    return data(
      {
        problem: withDuesFields(result.form),
        values,
      },
      { status: result.status },
    );
  throw redirect(`/${locale}/dues/cabinet`);
}

export default function Join() {
  const { signedIn, fullName, phone, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const problem = result?.problem;
  const typed = result?.values ?? {};
  const optional = (label: string) => `${label} ${t('dues.join.optional')}`;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold">{t('dues.join.title')}</h1>
      <p className="text-slate-700">{t('dues.join.lead')}</p>
      {!signedIn ? (
        <div className="card space-y-4">
          <p>{t('dues.join.signInFirst')}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <Link
              to={`${href('/login')}?next=${encodeURIComponent(href('/dues/join'))}`}
              className="button min-h-12"
            >
              {t('dues.join.signIn')}
            </Link>
            <Link to={href('/register')} className="button-secondary min-h-12">
              {t('dues.join.register')}
            </Link>
          </div>
        </div>
      ) : (
        <Form method="post" className="card space-y-4" noValidate>
          <CsrfField />
          <ProblemAlert problem={problem} />
          <TextField
            name="fullName"
            label={t('dues.join.fullName')}
            hint={t('dues.join.fullNameHint')}
            autoComplete="name"
            required
            maxLength={200}
            defaultValue={typed.fullName ?? fullName}
            error={problem?.fields.fullName}
          />
          <TextField
            name="phone"
            type="tel"
            label={t('dues.join.phone')}
            hint={t('dues.join.phoneHint')}
            autoComplete="tel"
            inputMode="tel"
            required
            maxLength={32}
            defaultValue={typed.phone ?? phone}
            error={problem?.fields.phone}
          />
          <TextField
            name="email"
            type="email"
            label={optional(t('dues.join.email'))}
            autoComplete="email"
            maxLength={254}
            defaultValue={typed.email ?? email}
            error={problem?.fields.email}
          />
          <TextField
            name="iin"
            label={optional(t('dues.join.iin'))}
            hint={t('dues.join.iinHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            defaultValue={typed.iin}
            error={problem?.fields.iin}
          />
          <TextField
            name="city"
            label={optional(t('dues.join.city'))}
            autoComplete="address-level2"
            maxLength={100}
            defaultValue={typed.city}
            error={problem?.fields.city}
          />
          <button
            type="submit"
            className="button min-h-12 w-full"
            disabled={navigation.state === 'submitting'}
          >
            {t('dues.join.submit')}
          </button>
        </Form>
      )}
    </div>
  );
}
