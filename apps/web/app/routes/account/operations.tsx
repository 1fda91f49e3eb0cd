import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect, useLoaderData, type MetaFunction } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import type { PartnerPage } from '../../catalog/catalog-api.ts';
import { OperationsTable } from '../../components/operations.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { apiQuery, filterSearch, readFilters } from '../../rewards/operation-filters.ts';
import { REWARD_STATUSES, type RewardPage } from '../../rewards/rewards-api.ts';
import { toOperationView } from '../../rewards/rewards.server.ts';
import type { LoaderArgs } from '../../route-args.ts';
import { pageMeta } from '../../seo/seo.ts';

const PAGE_SIZE = 20;

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const url = new URL(request.url);
  const filters = readFilters(url.searchParams);
  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 200);
  const [rewards, partners] = await Promise.all([
    callApi<RewardPage>(context, locale, 'GET', '/v1/rewards', {
      query: { ...apiQuery(filters), cursor: cursor || undefined, limit: PAGE_SIZE },
    }),
    callApi<PartnerPage>(context, locale, 'GET', '/v1/catalog/partners', {
      query: { sort: 'name', limit: 50 },
    }),
  ]);
  if (!rewards.ok) {
    // A stale cursor starts the same list over; other refusals are the API's.
    if (rewards.status === 400 && cursor) throw redirect(`${url.pathname}${filterSearch(filters)}`);
    throw data({ code: rewards.problem.code, title: rewards.problem.title }, { status: rewards.status });
  }
  return {
    filters,
    operations: rewards.data.items.map((reward) => toOperationView(reward, locale)),
    nextCursor: rewards.data.nextCursor,
    partners: partners.ok
      ? partners.data.items.map((partner) => ({ id: partner.id, name: partner.name[locale] }))
      : [],
    seo: {
      title: t('account.operations.title'),
      description: t('account.operations.title'),
      path: '/account/operations',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Operations() {
  const { filters, operations, nextCursor, partners } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <section aria-labelledby="operations-title" className="space-y-6">
      <h1 id="operations-title" className="text-3xl font-bold">
        {t('account.operations.title')}
      </h1>
      <Form method="get" className="card grid gap-4 md:grid-cols-2">
        <fieldset className="md:col-span-2">
          <legend className="field-label">{t('account.operations.filters.status')}</legend>
          <div className="flex flex-wrap gap-x-4">
            {REWARD_STATUSES.map((status) => (
              <label key={status} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="status"
                  value={status}
                  defaultChecked={filters.statuses.includes(status)}
                  className="h-5 w-5 accent-brand-700"
                />
                {t(`account.operations.statuses.${status}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="operations-partner" className="field-label">
            {t('account.operations.filters.partner')}
          </label>
          <select
            id="operations-partner"
            name="partner"
            defaultValue={filters.partner}
            className="field-input"
          >
            <option value="">{t('account.operations.filters.anyPartner')}</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="operations-from" className="field-label">
              {t('account.operations.filters.from')}
            </label>
            <input
              id="operations-from"
              name="from"
              type="date"
              defaultValue={filters.from}
              className="field-input"
            />
          </div>
          <div>
            <label htmlFor="operations-to" className="field-label">
              {t('account.operations.filters.to')}
            </label>
            <input
              id="operations-to"
              name="to"
              type="date"
              defaultValue={filters.to}
              className="field-input"
            />
          </div>
        </div>
        <div className="flex flex-wrap gap-3 md:col-span-2">
          <button type="submit" className="button">
            {t('account.operations.filters.apply')}
          </button>
          <Link to={href('/account/operations')} className="button-secondary">
            {t('account.operations.filters.reset')}
          </Link>
        </div>
      </Form>

      <div className="flex flex-wrap gap-3" aria-label={t('account.operations.export.label')} role="group">
        <a
          className="button-secondary"
          href={href(`/account/operations/export/csv${filterSearch(filters)}`)}
          download
        >
          {t('account.operations.export.csv')}
        </a>
        <a
          className="button-secondary"
          href={href(`/account/operations/export/pdf${filterSearch(filters)}`)}
          download
        >
          {t('account.operations.export.pdf')}
        </a>
      </div>

      {operations.length === 0 ? (
        <p className="text-slate-700">{t('account.operations.empty')}</p>
      ) : (
        <div className="card">
          <OperationsTable operations={operations} />
        </div>
      )}
      {nextCursor && (
        <Link
          className="button-secondary"
          to={href(`/account/operations${filterSearch(filters, { cursor: nextCursor })}`)}
        >
          {t('account.operations.more')}
        </Link>
      )}
    </section>
  );
}
