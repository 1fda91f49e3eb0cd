import { useTranslation } from 'react-i18next';
import { Form, Link, useLoaderData, type MetaFunction } from 'react-router';
import { MEMBERSHIP_STATUSES } from '../../../dues/dues-api.ts';
import {
  MEMBERS_PAGE_SIZE,
  memberApiQuery,
  memberListSearch,
  readMemberFilters,
} from '../../../dues/admin/members-filters.ts';
import { MemberList, Pager } from '../../../dues/admin/members-list.tsx';
import { currentPeriod } from '../../../dues/dues-format.ts';
import { type MemberPage } from '../../../dues/admin/staff-api.ts';
import { staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

/** `/:lang/dues/admin/members`: members with the API's filters, a page at a time, and the same filters as CSV. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const filters = readMemberFilters(new URL(request.url).searchParams);
  const query = memberApiQuery(filters);
  const list = await staffLoad<MemberPage>(request, context, locale, '/v1/admin/dues/members', {
    ...query,
    limit: MEMBERS_PAGE_SIZE,
    offset: (filters.page - 1) * MEMBERS_PAGE_SIZE,
  });
  // The CSV describes one month: the unpaid one filtered on, else this month.
  const csvPeriod = filters.unpaid || currentPeriod();
  const t = translator(locale);
  return {
    filters,
    list,
    pages: Math.max(1, Math.ceil(list.total / MEMBERS_PAGE_SIZE)),
    thisMonth: currentPeriod(),
    csvPeriod,
    seo: {
      title: t('duesStaff.members.title'),
      description: t('duesStaff.members.description'),
      path: '/dues/admin/members',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function StaffMembers() {
  const { filters, list, pages, thisMonth, csvPeriod } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <section aria-labelledby="members-title" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="members-title" className="text-3xl font-bold">
          {t('duesStaff.members.title')}
        </h1>
        <Link to={href('/dues/admin/import')} className="button-secondary">
          {t('duesStaff.members.import')}
        </Link>
      </div>
      <Form
        method="get"
        className="card grid gap-4 md:grid-cols-2"
        aria-label={t('duesStaff.members.filters.label')}
      >
        <div>
          <label htmlFor="members-status" className="field-label">
            {t('duesStaff.members.filters.status')}
          </label>
          <select id="members-status" name="status" defaultValue={filters.status} className="field-input">
            <option value="">{t('duesStaff.members.filters.anyStatus')}</option>
            {MEMBERSHIP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`dues.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="members-unpaid" className="field-label">
            {t('duesStaff.members.filters.unpaid')}
          </label>
          <input
            id="members-unpaid"
            name="unpaid"
            type="month"
            pattern="\d{4}-\d{2}"
            placeholder={thisMonth}
            defaultValue={filters.unpaid}
            aria-describedby="members-unpaid-hint"
            className="field-input"
          />
          <p id="members-unpaid-hint" className="field-hint">
            {t('duesStaff.members.filters.unpaidHint', { period: thisMonth })}
          </p>
        </div>
        <div>
          <label htmlFor="members-city" className="field-label">
            {t('duesStaff.members.filters.city')}
          </label>
          <input
            id="members-city"
            name="city"
            maxLength={100}
            defaultValue={filters.city}
            autoComplete="off"
            className="field-input"
          />
        </div>
        <div>
          <label htmlFor="members-q" className="field-label">
            {t('duesStaff.members.filters.search')}
          </label>
          <input
            id="members-q"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={filters.q}
            autoComplete="off"
            className="field-input"
          />
        </div>
        <div className="flex flex-wrap gap-3 md:col-span-2">
          <button type="submit" className="button">
            {t('duesStaff.members.filters.apply')}
          </button>
          <Link to={href('/dues/admin/members')} className="button-secondary">
            {t('duesStaff.members.filters.reset')}
          </Link>
        </div>
      </Form>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" data-testid="members-total">
          {t('duesStaff.members.total', { n: list.total })}
        </p>
        <div>
          <a
            href={`${href('/dues/admin/members/export.csv')}${memberListSearch(filters, 1)}`}
            download
            className="button-secondary"
          >
            {t('duesStaff.members.export')}
          </a>
          <p className="field-hint">{t('duesStaff.members.exportHint', { period: csvPeriod })}</p>
        </div>
      </div>
      <MemberList items={list.items} />
      <Pager
        page={filters.page}
        pages={pages}
        link={(page) => `${href('/dues/admin/members')}${memberListSearch(filters, page)}`}
      />
    </section>
  );
}
