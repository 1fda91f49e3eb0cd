import { useTranslation } from 'react-i18next';
import { data, Form, useActionData, useLoaderData, useNavigation, type MetaFunction } from 'react-router';
import { callApi, field, formOf, loadFromApi } from '../../api/api.server.ts';
import { CsrfField, Notice, ProblemAlert } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { CATEGORIES, CHANNELS, type Preference } from '../../notifications/notifications-api.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const { preferences } = await loadFromApi<{ preferences: Preference[] }>(
    context,
    locale,
    '/v1/me/notifications/preferences',
  );
  return {
    preferences,
    seo: {
      title: t('account.notificationSettings.title'),
      description: t('account.notificationSettings.lead'),
      path: '/account/notification-settings',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

/** A checkbox per category and channel; an unchecked box is absent from the form, so each is listed. */
export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const { preferences: current } = await loadFromApi<{ preferences: Preference[] }>(
    context,
    locale,
    '/v1/me/notifications/preferences',
  );
  const chosen = new Set(
    form.getAll('enabled').filter((value): value is string => typeof value === 'string'),
  );
  const changes = current
    .filter((preference) => !preference.locked)
    .map((preference) => ({
      category: preference.category,
      channel: preference.channel,
      enabled: chosen.has(`${preference.category}:${preference.channel}`),
    }));
  if (changes.length === 0) return { saved: true, problem: null };
  const result = await callApi(context, locale, 'PATCH', '/v1/me/notifications/preferences', {
    csrfToken: field(form, 'csrf'),
    body: { preferences: changes },
  });
  return result.ok
    ? { saved: true, problem: null }
    : data({ saved: false, problem: result.form }, { status: result.status });
}

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const find = (category: string, channel: string) =>
    preferences.find((preference) => preference.category === category && preference.channel === channel);
  return (
    <section aria-labelledby="settings-title" className="space-y-4">
      <h1 id="settings-title" className="text-3xl font-bold">
        {t('account.notificationSettings.title')}
      </h1>
      <p className="text-slate-700">{t('account.notificationSettings.lead')}</p>
      <ProblemAlert problem={result?.problem} />
      {result?.saved && <Notice>{t('account.notificationSettings.saved')}</Notice>}
      <Form method="post" className="card space-y-4">
        <CsrfField />
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('account.notificationSettings.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-2 pr-4">
                  {t('account.notificationSettings.category')}
                </th>
                {CHANNELS.map((channel) => (
                  <th key={channel} scope="col" className="px-2 py-2 text-center">
                    {t(`account.notificationSettings.channels.${channel}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((category) => (
                <tr key={category} className="border-t border-slate-200">
                  <th scope="row" className="py-3 pr-4 font-medium">
                    {t(`account.notifications.categories.${category}`)}
                  </th>
                  {CHANNELS.map((channel) => {
                    const preference = find(category, channel);
                    if (!preference) return <td key={channel} />;
                    return (
                      <td key={channel} className="px-2 py-3 text-center">
                        <input
                          type="checkbox"
                          name="enabled"
                          value={`${category}:${channel}`}
                          defaultChecked={preference.enabled}
                          disabled={preference.locked}
                          aria-label={t('account.notificationSettings.toggle', {
                            category: t(`account.notifications.categories.${category}`),
                            channel: t(`account.notificationSettings.channels.${channel}`),
                          })}
                          className="h-6 w-6 accent-brand-700"
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm text-slate-600">{t('account.notificationSettings.lockedNote')}</p>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('forms.save')}
        </button>
      </Form>
    </section>
  );
}
