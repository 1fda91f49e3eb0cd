import { useTranslation } from 'react-i18next';
import { data, Link, useLoaderData, type MetaFunction } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import type { PublicPartner } from '../../catalog/catalog-api.ts';
import { formatMoney, formatUserRate, loadCategories, sameOriginUrl } from '../../catalog/catalog.server.ts';
import { markdownToHtml } from '../../catalog/markdown.server.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { useRootData } from '../../root.tsx';
import { breadcrumbs, localizedUrl, pageMeta } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const slug = params.slug ?? '';
  if (!SLUG.test(slug) || slug.length > 64) throw data(null, { status: 404 });
  const t = translator(locale);
  const [partnerResult, categories] = await Promise.all([
    callApi<PublicPartner>(context, locale, 'GET', `/v1/catalog/partners/${slug}`),
    loadCategories(context, locale),
  ]);
  if (!partnerResult.ok)
    throw data(null, { status: partnerResult.status === 404 ? 404 : partnerResult.status });
  const partner = partnerResult.data;
  const names = new Map(categories.map((category) => [category.slug, category.name[locale]]));
  const name = partner.name[locale];
  const origin = context.origin;
  const url = localizedUrl(origin, locale, `/partners/${slug}`);
  const logoUrl = sameOriginUrl(partner.logoUrl, origin);
  const rate = formatUserRate(partner.reward, locale);
  return {
    partner: {
      slug,
      name,
      logoUrl,
      rate,
      holdDays: partner.reward.holdDays,
      cap: partner.reward.cap ? formatMoney(partner.reward.cap, partner.reward.currency, locale) : null,
      websiteHost: new URL(partner.website).host,
      categories: partner.categories.map((category) => ({
        slug: category,
        name: names.get(category) ?? category,
      })),
      paused: partner.status === 'paused',
      descriptionHtml: markdownToHtml(partner.description[locale]),
      conditionsHtml: markdownToHtml(partner.conditions[locale]),
      shortDescription: partner.shortDescription[locale],
    },
    seo: {
      title: t('partner.seo.title', { name, rate }),
      description: partner.shortDescription[locale] || t('partner.seo.description', { name, rate }),
      path: `/partners/${slug}`,
      ...(partner.logoUrl ? { image: partner.logoUrl } : {}),
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'OnlineStore',
          name,
          url: partner.website,
          description: partner.shortDescription[locale],
          ...(partner.logoUrl ? { logo: partner.logoUrl } : {}),
        },
        breadcrumbs([
          { name: t('nav.home'), url: localizedUrl(origin, locale, '') },
          { name: t('catalog.seo.title'), url: localizedUrl(origin, locale, '/catalog') },
          { name, url },
        ]),
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Partner() {
  const { partner } = useLoaderData<typeof loader>();
  const root = useRootData();
  const { t } = useTranslation();
  const href = useHref();
  const signedIn = Boolean(root?.viewer);
  return (
    <article className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label={t('partner.breadcrumbs')} className="text-sm text-slate-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link className="underline" to={href('/catalog')}>
              {t('nav.catalog')}
            </Link>
            <span aria-hidden="true"> / </span>
          </li>
          <li aria-current="page">{partner.name}</li>
        </ol>
      </nav>

      <header className="mt-4 flex flex-wrap items-center gap-4">
        {partner.logoUrl && (
          <img
            src={partner.logoUrl}
            alt={t('partner.logoAlt', { name: partner.name })}
            width={80}
            height={80}
            className="h-20 w-20 rounded-xl border border-slate-200 object-contain"
          />
        )}
        <div>
          <h1 className="text-3xl font-bold">{partner.name}</h1>
          <p className="text-slate-700">{partner.categories.map((category) => category.name).join(', ')}</p>
        </div>
      </header>

      <section className="card mt-6" aria-labelledby="reward-title">
        <h2 id="reward-title" className="text-xl font-semibold">
          {t('partner.reward.title')}
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">{t('partner.reward.rate')}</dt>
            <dd className="text-3xl font-bold text-brand-700">{partner.rate}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('partner.reward.hold')}</dt>
            <dd className="text-xl font-semibold">{partner.holdDays}</dd>
          </div>
          {partner.cap && (
            <div>
              <dt className="text-sm text-slate-600">{t('partner.reward.cap')}</dt>
              <dd className="text-xl font-semibold">{partner.cap}</dd>
            </div>
          )}
        </dl>
        <p className="mt-4 text-sm text-slate-700">{t('partner.reward.explain')}</p>
        {partner.paused ? (
          <p className="mt-4 rounded-lg bg-amber-50 p-3 font-medium text-amber-900" role="note">
            {t('partner.paused')}
          </p>
        ) : (
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <a href={`/go/${partner.slug}`} rel="nofollow" className="button">
              {t('partner.go', { host: partner.websiteHost })}
            </a>
            <span className="text-sm text-slate-600">{t('partner.goHint')}</span>
          </div>
        )}
      </section>

      {!signedIn ? (
        <aside className="mt-6 rounded-xl bg-brand-50 p-4" aria-label={t('partner.prompt.label')}>
          <p className="font-medium">{t('partner.prompt.signIn')}</p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Link
              className="button"
              to={href(`/login?next=${encodeURIComponent(href(`/partners/${partner.slug}`))}`)}
            >
              {t('nav.signIn')}
            </Link>
            <Link className="button-secondary" to={href('/register')}>
              {t('nav.register')}
            </Link>
          </div>
        </aside>
      ) : (
        <aside className="mt-6 rounded-xl bg-brand-50 p-4" aria-label={t('partner.prompt.label')}>
          <p className="font-medium">{t('partner.prompt.extension')}</p>
          <Link className="mt-3 inline-flex font-semibold text-brand-800 underline" to={href('/extension')}>
            {t('partner.prompt.extensionLink')}
          </Link>
        </aside>
      )}

      <section className="mt-8" aria-labelledby="about-title">
        <h2 id="about-title" className="text-xl font-semibold">
          {t('partner.about')}
        </h2>
        <div className="prose-text mt-3" dangerouslySetInnerHTML={{ __html: partner.descriptionHtml }} />
      </section>
      <section className="mt-8" aria-labelledby="conditions-title">
        <h2 id="conditions-title" className="text-xl font-semibold">
          {t('partner.conditions')}
        </h2>
        <div className="prose-text mt-3" dangerouslySetInnerHTML={{ __html: partner.conditionsHtml }} />
      </section>
    </article>
  );
}
