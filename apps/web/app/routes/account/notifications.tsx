import { useTranslation } from 'react-i18next';
import { data, Form, Link, useActionData, useLoaderData, type MetaFunction } from 'react-router';
import { callApi, field, formOf, loadFromApi } from '../../api/api.server.ts';
import { CsrfField, ProblemAlert } from '../../forms/fields.tsx';
import { formatDateTime } from '../../format.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { isCategory, type InboxPage } from '../../notifications/notifications-api.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

const PAGE_SIZE = 20;
const NOTIFICATION_ID = /^ntf_[0-9a-z]+$/;

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const url = new URL(request.url);
  const before = url.searchParams.get('before') ?? '';
  const unreadOnly = url.searchParams.get('unread') === '1';
  const page = await loadFromApi<InboxPage>(context, locale, '/v1/me/notifications', {
    limit: PAGE_SIZE,
    before: NOTIFICATION_ID.test(before) ? before : undefined,
    unread: unreadOnly || undefined,
  });
  return {
    unreadOnly,
    items: page.items.map((item) => ({ ...item, createdAt: formatDateTime(item.createdAt, locale) })),
    nextBefore: page.nextBefore,
    seo: {
      title: t('account.notifications.title'),
      description: t('account.notifications.title'),
      path: '/account/notifications',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const csrfToken = field(form, 'csrf');
  const id = field(form, 'id');
  const result =
    form.get('intent') === 'read-all'
      ? await callApi(context, locale, 'POST', '/v1/me/notifications/read-all', { csrfToken })
      : await callApi(
          context,
          locale,
          'POST',
          `/v1/me/notifications/${NOTIFICATION_ID.test(id) ? id : 'invalid'}/read`,
          {
            csrfToken,
          },
        );
  return result.ok ? { problem: null } : data({ problem: result.form }, { status: result.status });
}

export default function Notifications() {
  const { items, nextBefore, unreadOnly } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>()?.problem;
  const { t } = useTranslation();
  const href = useHref();
  const categoryName = (category: string): string =>
    isCategory(category) ? t(`account.notifications.categories.${category}`) : category;
  return (
    <section aria-labelledby="inbox-title" className="space-y-4">
      <h1 id="inbox-title" className="text-3xl font-bold">
        {t('account.notifications.title')}
      </h1>
      <ProblemAlert problem={problem} />
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label={t('account.notifications.filter')} className="flex gap-2">
          <Link
            to={href('/account/notifications')}
            aria-current={!unreadOnly ? 'page' : undefined}
            className={unreadOnly ? 'button-secondary' : 'button'}
          >
            {t('account.notifications.all')}
          </Link>
          <Link
            to={href('/account/notifications?unread=1')}
            aria-current={unreadOnly ? 'page' : undefined}
            className={unreadOnly ? 'button' : 'button-secondary'}
          >
            {t('account.notifications.unread')}
          </Link>
        </nav>
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="read-all" className="button-secondary">
            {t('account.notifications.readAll')}
          </button>
        </Form>
      </div>
      {items.length === 0 ? (
        <p className="text-slate-700">{t('account.notifications.empty')}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((item) => (
            <li key={item.id} className={`card ${item.readAt ? '' : 'border-brand-600'}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-semibold">
                    {!item.readAt && <span className="sr-only">{t('account.notifications.new')}: </span>}
                    {item.title}
                  </p>
                  <p className="text-sm text-slate-600">
                    {categoryName(item.category)} · {item.createdAt}
                  </p>
                </div>
                {!item.readAt && (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="id" value={item.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="read"
                      className="button-secondary min-h-11 px-3 text-sm"
                    >
                      {t('account.notifications.markRead')}
                    </button>
                  </Form>
                )}
              </div>
              <p className="mt-2 whitespace-pre-line text-slate-800">{item.body}</p>
            </li>
          ))}
        </ul>
      )}
      {nextBefore && (
        <Link
          className="button-secondary"
          to={href(`/account/notifications?${unreadOnly ? 'unread=1&' : ''}before=${nextBefore}`)}
        >
          {t('account.notifications.older')}
        </Link>
      )}
    </section>
  );
}
