import { useTranslation } from 'react-i18next';
import { data, Link, useLoaderData, type MetaFunction } from 'react-router';
import { markdownToHtml } from '../../catalog/markdown.server.ts';
import { isLegalDocument, LEGAL_VERSIONS } from '../../content/legal/legal-documents.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { LANGUAGE_TAGS } from '../../i18n/locales.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { localizedUrl, pageMeta } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

export function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const document = params.document;
  if (!isLegalDocument(document)) throw data(null, { status: 404 });
  const versions = LEGAL_VERSIONS[document];
  const current = params.version ? versions.find((item) => item.version === params.version) : versions[0];
  if (!current) throw data(null, { status: 404 });
  const t = translator(locale);
  const dateFormat = new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: 'long',
    timeZone: 'Asia/Almaty',
  });
  const title = t(`legal.names.${document}`);
  return {
    document,
    title,
    version: current.version,
    effectiveFrom: dateFormat.format(new Date(`${current.effectiveFrom}T00:00:00+05:00`)),
    latest: current === versions[0],
    html: markdownToHtml(current.body[locale]),
    versions: versions.map((item) => ({
      version: item.version,
      effectiveFrom: dateFormat.format(new Date(`${item.effectiveFrom}T00:00:00+05:00`)),
    })),
    seo: {
      title,
      description: t(`legal.descriptions.${document}`),
      path: `/legal/${document}${params.version ? `/${current.version}` : ''}`,
      type: 'article' as const,
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'WebPage',
          name: title,
          inLanguage: locale,
          version: current.version,
          datePublished: current.effectiveFrom,
          url: localizedUrl(context.origin, locale, `/legal/${document}/${current.version}`),
        },
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Legal() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <article className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-3xl font-bold">{page.title}</h1>
      <p className="mt-2 text-slate-700">
        {t('legal.version', { version: page.version, date: page.effectiveFrom })}
      </p>
      {!page.latest && (
        <p className="mt-3 rounded-lg bg-amber-50 p-3 text-amber-900" role="note">
          {t('legal.outdated')}{' '}
          <Link className="font-semibold underline" to={href(`/legal/${page.document}`)}>
            {t('legal.current')}
          </Link>
        </p>
      )}
      <p className="mt-3 rounded-lg bg-slate-100 p-3 text-sm text-slate-700" role="note">
        {t('legal.draftNote')}
      </p>
      <div className="prose-text mt-6" dangerouslySetInnerHTML={{ __html: page.html }} />
      {page.versions.length > 0 && (
        <nav aria-label={t('legal.versions')} className="mt-10 border-t border-slate-200 pt-4">
          <h2 className="font-semibold">{t('legal.versions')}</h2>
          <ul className="mt-2 space-y-1">
            {page.versions.map((item) => (
              <li key={item.version}>
                <Link
                  className="text-brand-800 underline"
                  to={href(`/legal/${page.document}/${item.version}`)}
                  aria-current={item.version === page.version ? 'page' : undefined}
                >
                  {t('legal.versionLink', { version: item.version, date: item.effectiveFrom })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </article>
  );
}
