import { useTranslation } from 'react-i18next';
import { data, Link, useLoaderData, type MetaFunction } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import { markdownToHtml } from '../../catalog/markdown.server.ts';
import { PAGE_SLUGS, type DuesPage, type PageSlug } from '../../dues/dues-api.ts';
import { formatDate, plainSummary } from '../../dues/dues-format.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import type { LoaderArgs } from '../../route-args.ts';
import { pageMeta } from '../../seo/seo.ts';

const isSlug = (value: string): value is PageSlug => (PAGE_SLUGS as readonly string[]).includes(value);

/**
 * `/dues` (the home page) and `/dues/about|rules|contacts|privacy`, written by content managers in
 * Russian and Kazakh. The API has no English pages: English visitors read the Russian text, told so.
 */
export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const slug = params.slug ?? 'home';
  // `/dues/home` would duplicate `/dues`; anything else is not a page of the portal.
  if (!isSlug(slug) || params.slug === 'home') throw data(null, { status: 404 });
  const result = await callApi<DuesPage>(context, locale, 'GET', `/v1/dues/pages/${slug}`, {
    query: { locale: locale === 'kk' ? 'kk' : 'ru' },
  });
  if (!result.ok) throw data(null, { status: result.status === 404 ? 404 : result.status });
  const page = result.data;
  return {
    slug,
    title: page.title,
    html: markdownToHtml(page.body),
    shownInRussian: page.locale !== locale,
    updated: formatDate(page.updatedAt, locale),
    seo: {
      title: page.title,
      description: plainSummary(page.body) || page.title,
      path: slug === 'home' ? '/dues' : `/dues/${slug}`,
      type: 'article' as const,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function DuesContentPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <article>
      {page.shownInRussian && (
        <p role="note" className="mb-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t('dues.pages.shownInRussian')}
        </p>
      )}
      <h1 className="text-3xl font-bold" lang={page.shownInRussian ? 'ru' : undefined}>
        {page.title}
      </h1>
      <div
        className="prose-text mt-6"
        lang={page.shownInRussian ? 'ru' : undefined}
        dangerouslySetInnerHTML={{ __html: page.html }}
      />
      <p className="mt-8 text-sm text-slate-600">{t('dues.pages.updated', { date: page.updated })}</p>
      {page.slug === 'home' && (
        <div className="mt-6 grid gap-3 sm:grid-cols-2">
          <Link to={href('/dues/join')} className="button min-h-12">
            {t('dues.nav.join')}
          </Link>
          <Link to={href('/dues/cabinet')} className="button-secondary min-h-12">
            {t('dues.nav.cabinet')}
          </Link>
        </div>
      )}
      <p className="mt-8">
        <Link to={href('/dues/privacy')} className="text-brand-800 underline">
          {t('dues.nav.privacy')}
        </Link>
      </p>
    </article>
  );
}
