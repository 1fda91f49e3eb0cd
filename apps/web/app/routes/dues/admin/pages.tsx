import { useTranslation } from 'react-i18next';
import { Link, useLoaderData, type MetaFunction } from 'react-router';
import { PAGE_SLUGS } from '../../../dues/dues-api.ts';
import { PAGE_LOCALES, type StaffPage } from '../../../dues/admin/staff-api.ts';
import { staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { formatDateTime } from '../../../dues/admin/staff-format.ts';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

/**
 * `/:lang/dues/admin/pages`: the public pages in Russian and Kazakh with their current version. Read
 * from the versions endpoint, which only content managers and admins may use: others get its 403.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const rows = await Promise.all(
    PAGE_SLUGS.map(async (slug) => ({
      slug,
      versions: await Promise.all(
        PAGE_LOCALES.map(async (pageLocale) => {
          const { items } = await staffLoad<{ items: StaffPage[] }>(
            request,
            context,
            locale,
            `/v1/admin/dues/pages/${slug}/${pageLocale}/versions`,
          );
          const latest = items[0];
          return {
            pageLocale,
            latest: latest
              ? {
                  version: latest.version,
                  title: latest.title,
                  updated: formatDateTime(latest.updatedAt, locale),
                }
              : null,
          };
        }),
      ),
    })),
  );
  const t = translator(locale);
  return {
    rows,
    seo: {
      title: t('duesStaff.pages.title'),
      description: t('duesStaff.pages.description'),
      path: '/dues/admin/pages',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function StaffPages() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <section aria-labelledby="pages-title" className="space-y-6">
      <h1 id="pages-title" className="text-3xl font-bold">
        {t('duesStaff.pages.title')}
      </h1>
      <p className="text-slate-700">{t('duesStaff.pages.lead')}</p>
      <ul className="space-y-4">
        {rows.map((row) => (
          <li key={row.slug} className="card space-y-3">
            <h2 className="text-xl font-semibold">{t(`dues.nav.${row.slug}`)}</h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {row.versions.map(({ pageLocale, latest }) => (
                <li key={pageLocale} className="min-w-0 rounded-lg border border-slate-200 p-3">
                  <p className="font-semibold">{t(`duesStaff.languages.${pageLocale}`)}</p>
                  <p className="text-sm text-slate-700">
                    {latest
                      ? t('duesStaff.pages.current', { version: latest.version, date: latest.updated })
                      : t('duesStaff.pages.notWritten')}
                  </p>
                  {latest && <p className="truncate">{latest.title}</p>}
                  <Link
                    to={href(`/dues/admin/pages/${row.slug}/${pageLocale}`)}
                    className="mt-2 inline-flex min-h-11 items-center font-semibold text-brand-800 underline"
                    aria-label={t('duesStaff.pages.editNamed', {
                      page: t(`dues.nav.${row.slug}`),
                      language: t(`duesStaff.languages.${pageLocale}`),
                    })}
                  >
                    {t('duesStaff.pages.edit')}
                  </Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
