import { useTranslation } from 'react-i18next';
import { data, Form, useActionData, useLoaderData, useNavigation, type MetaFunction } from 'react-router';
import { callApi, field, formOf } from '../../api/api.server.ts';
import { AuthCard } from '../../components/auth-card.tsx';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { LANGUAGE_TAGS } from '../../i18n/locales.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { requireViewer } from '../../session/session.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

interface DeviceRequest {
  readonly clientId: string;
  readonly clientName: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string;
}

const USER_CODE = /^[A-Za-z0-9-]{1,16}$/;

/**
 * Approving a device (the browser extension, the Telegram bot) that asked for access with a short
 * code (RFC 8628): the person sees who asks and for what, then allows or refuses.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireViewer(request, context, locale);
  const t = translator(locale);
  const userCode = (new URL(request.url).searchParams.get('user_code') ?? '').trim().toUpperCase();
  const seo = {
    title: t('auth.device.title'),
    description: t('auth.device.lead'),
    path: '/device',
    noindex: true,
  };
  if (!USER_CODE.test(userCode)) return { userCode: '', request: null, problem: null, seo };
  const described = await callApi<DeviceRequest>(context, locale, 'GET', '/v1/auth/device', {
    query: { user_code: userCode },
  });
  if (!described.ok) return { userCode, request: null, problem: described.form, seo };
  const expires = new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  });
  return {
    userCode,
    request: { ...described.data, expiresAt: expires.format(new Date(described.data.expiresAt)) },
    problem: null,
    seo,
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  await requireViewer(request, context, locale);
  const form = await formOf(request);
  const approve = form.get('intent') === 'approve';
  const result = await callApi(
    context,
    locale,
    'POST',
    approve ? '/v1/auth/device/approve' : '/v1/auth/device/deny',
    {
      body: { userCode: field(form, 'userCode').toUpperCase() },
      csrfToken: field(form, 'csrf'),
    },
  );
  if (!result.ok) return data({ done: null, problem: result.form }, { status: result.status });
  return { done: approve ? ('approved' as const) : ('denied' as const), problem: null };
}

export default function Device() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  if (result?.done) {
    return (
      <AuthCard title={t('auth.device.title')}>
        <Notice>{t(result.done === 'approved' ? 'auth.device.approved' : 'auth.device.denied')}</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.device.title')} lead={t('auth.device.lead')}>
      <ProblemAlert problem={result?.problem ?? loaded.problem} />
      {loaded.request ? (
        <Form method="post" className="mt-4 space-y-4">
          <CsrfField />
          <input type="hidden" name="userCode" value={loaded.userCode} />
          <dl className="space-y-2">
            <div>
              <dt className="text-sm text-slate-600">{t('auth.device.client')}</dt>
              <dd className="text-lg font-semibold">{loaded.request.clientName}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('auth.device.code')}</dt>
              <dd className="font-mono text-lg">{loaded.userCode}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('auth.device.scopes')}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {loaded.request.scopes.map((scope) => (
                    <li key={scope} className="font-mono text-sm">
                      {scope}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
          <p className="text-sm text-slate-700">
            {t('auth.device.expires', { time: loaded.request.expiresAt })}
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              name="intent"
              value="approve"
              className="button"
              disabled={navigation.state === 'submitting'}
            >
              {t('auth.device.approve')}
            </button>
            <button type="submit" name="intent" value="deny" className="button-secondary">
              {t('auth.device.deny')}
            </button>
          </div>
        </Form>
      ) : (
        <Form method="get" className="mt-4 space-y-4">
          <TextField
            name="user_code"
            label={t('auth.device.enterCode')}
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={16}
            required
            defaultValue={loaded.userCode}
          />
          <button type="submit" className="button w-full">
            {t('auth.device.continue')}
          </button>
        </Form>
      )}
    </AuthCard>
  );
}
