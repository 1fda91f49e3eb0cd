import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse } from 'react-router';
import { ErrorPage } from '../../components/error-page.tsx';
import { useHref } from '../../i18n/use-locale.ts';

/** identity's refusal of a staff role whose session has no second factor yet. */
const SECOND_FACTOR_REQUIRED = 'IDENTITY_STAFF_SECOND_FACTOR_REQUIRED';

const titleOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string'
    ? (value as { title: string }).title
    : null;
const codeOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
    ? (value as { code: string }).code
    : null;

/**
 * The staff area's error page. A refusal (403) says plainly that these pages are for the
 * community's staff, or that a staff session needs the second factor; anything else is the site's page.
 */
export function StaffErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const href = useHref();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status !== 403) return <ErrorPage status={status} />;
  const body: unknown = isRouteErrorResponse(error) ? error.data : null;
  const needsSecondFactor = codeOf(body) === SECOND_FACTOR_REQUIRED;
  return (
    <section className="mx-auto max-w-2xl py-12 text-center" aria-labelledby="forbidden-title">
      <title>{`${t('duesAdmin.forbidden.title')} — Sauda`}</title>
      <meta name="robots" content="noindex" />
      <p className="text-5xl font-extrabold text-brand-700">403</p>
      <h1 id="forbidden-title" className="mt-4 text-3xl font-bold" data-testid="staff-forbidden">
        {t('duesAdmin.forbidden.title')}
      </h1>
      <p className="mt-4 text-slate-700">
        {needsSecondFactor
          ? (titleOf(body) ?? t('duesAdmin.forbidden.secondFactor'))
          : t('duesAdmin.forbidden.text')}
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {needsSecondFactor ? (
          <a className="button" href={href('/account/security')}>
            {t('duesAdmin.forbidden.security')}
          </a>
        ) : (
          <a className="button" href={href('/dues/cabinet')}>
            {t('duesAdmin.forbidden.cabinet')}
          </a>
        )}
        <a className="button-secondary" href={href('/dues')}>
          {t('duesAdmin.forbidden.home')}
        </a>
      </div>
    </section>
  );
}
