import { useTranslation } from 'react-i18next';
import { Form, Link, useLoaderData, type MetaFunction } from 'react-router';
import type { AuditPage } from '../../../dues/admin/staff-api.ts';
import { staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { AuditList } from '../../../dues/admin/staff-audit.tsx';
import { auditLines } from '../../../dues/admin/staff-format.ts';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

const PAGE_SIZE = 30;

/** `/:lang/dues/admin/audit`: every staff action on dues, newest first, by record, older pages by sequence. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const search = new URL(request.url).searchParams;
  const entity = (search.get('entity') ?? '').trim().slice(0, 100);
  const beforeText = search.get('before') ?? '';
  const before = /^[1-9]\d{0,15}$/.test(beforeText) ? Number(beforeText) : undefined;
  const page = await staffLoad<AuditPage>(request, context, locale, '/v1/admin/dues/audit', {
    limit: PAGE_SIZE,
    entityId: entity || undefined,
    before,
  });
  const t = translator(locale);
  return {
    entity,
    paged: before !== undefined,
    nextBefore: page.nextBefore,
    lines: auditLines(page.items, locale),
    seo: {
      title: t('duesStaff.audit.title'),
      description: t('duesStaff.audit.description'),
      path: '/dues/admin/audit',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function StaffAudit() {
  const { entity, paged, nextBefore, lines } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  const listUrl = (before?: number) => {
    const search = new URLSearchParams();
    if (entity) search.set('entity', entity);
    if (before !== undefined) search.set('before', String(before));
    const text = search.toString();
    return `${href('/dues/admin/audit')}${text ? `?${text}` : ''}`;
  };
  return (
    <section aria-labelledby="audit-title" className="space-y-6">
      <h1 id="audit-title" className="text-3xl font-bold">
        {t('duesStaff.audit.title')}
      </h1>
      <p className="text-slate-700">{t('duesStaff.audit.lead')}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="audit-entity" className="field-label">
            {t('duesStaff.audit.filter')}
          </label>
          <input
            id="audit-entity"
            name="entity"
            maxLength={100}
            defaultValue={entity}
            autoComplete="off"
            aria-describedby="audit-entity-hint"
            className="field-input"
          />
          <p id="audit-entity-hint" className="field-hint">
            {t('duesStaff.audit.filterHint')}
          </p>
        </div>
        <div className="flex gap-3 pb-7">
          <button type="submit" className="button">
            {t('duesStaff.audit.apply')}
          </button>
          <Link to={href('/dues/admin/audit')} className="button-secondary">
            {t('duesStaff.audit.reset')}
          </Link>
        </div>
      </Form>
      <AuditList lines={lines} />
      {(paged || nextBefore !== null) && (
        <nav aria-label={t('duesStaff.pager.label')} className="flex flex-wrap gap-3">
          {paged && (
            <Link to={listUrl()} className="button-secondary">
              {t('duesStaff.audit.newest')}
            </Link>
          )}
          {nextBefore !== null && (
            <Link to={listUrl(nextBefore)} className="button-secondary" rel="next">
              {t('duesStaff.audit.older')}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
