import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useHref } from '../../i18n/use-locale.ts';
import { StaffErrorPage } from './staff-error.tsx';

/**
 * Refusals the staff area's own error page explains itself: no staff role (`STAFF_FORBIDDEN` of
 * staff-access.server.ts, which the browser bundle cannot import) and no second factor.
 */
const EXPLAINED_ELSEWHERE = new Set(['WEB_DUES_STAFF_ONLY', 'IDENTITY_STAFF_SECOND_FACTOR_REQUIRED']);

/**
 * The error boundary of the members, import, audit, pages and settings pages. When the API refuses
 * a staff member whose role lacks the permission (a cashier in the page editor), the page says so
 * with the API's own reason, below the staff menu; everything else is the staff area's error page.
 */
export function StaffRefusalBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const href = useHref();
  const body = isRouteErrorResponse(error) && error.status === 403 ? (error.data as unknown) : null;
  const code =
    typeof (body as { code?: unknown } | null)?.code === 'string' ? (body as { code: string }).code : '';
  const reason =
    typeof (body as { title?: unknown } | null)?.title === 'string' ? (body as { title: string }).title : '';
  if (!body || EXPLAINED_ELSEWHERE.has(code)) return <StaffErrorPage error={error} />;
  return (
    <section
      aria-labelledby="staff-refusal"
      className="card space-y-3 border-red-300"
      data-testid="staff-refusal"
    >
      <title>{`${t('duesStaff.forbidden.title')} — Sauda`}</title>
      <meta name="robots" content="noindex" />
      <p className="text-4xl font-extrabold text-red-800">403</p>
      <h1 id="staff-refusal" className="text-2xl font-bold">
        {t('duesStaff.forbidden.title')}
      </h1>
      <p>{t('duesStaff.forbidden.text')}</p>
      {reason && <p className="font-semibold text-red-900">{t('duesStaff.forbidden.reason', { reason })}</p>}
      <a className="button-secondary" href={href('/dues')}>
        {t('duesStaff.forbidden.back')}
      </a>
    </section>
  );
}
