import { useTranslation } from 'react-i18next';
import { Link, useLoaderData, type MetaFunction } from 'react-router';
import { loadFromApi } from '../../api/api.server.ts';
import type { PartnerPage } from '../../catalog/catalog-api.ts';
import { loadCategories, toCardView } from '../../catalog/catalog.server.ts';
import { PartnerCard } from '../../components/partner-card.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { pageMeta, SITE_NAME } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

const TOP_PARTNERS = 8;

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const [categories, top] = await Promise.all([
    loadCategories(context, locale),
    loadFromApi<PartnerPage>(context, locale, '/v1/catalog/partners', {
      sort: 'popular',
      limit: TOP_PARTNERS,
    }),
  ]);
  const origin = context.origin;
  return {
    partners: top.items.map((partner) => toCardView(partner, locale, categories, origin)),
    seo: {
      title: t('landing.seo.title'),
      description: t('landing.seo.description'),
      path: '',
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'Organization',
          name: SITE_NAME,
          url: `${origin}/${locale}`,
          logo: `${origin}/favicon.svg`,
        },
        {
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: SITE_NAME,
          url: `${origin}/${locale}`,
          inLanguage: locale,
          potentialAction: {
            '@type': 'SearchAction',
            target: `${origin}/${locale}/catalog?q={search_term_string}`,
            'query-input': 'required name=search_term_string',
          },
        },
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const STEPS = ['shop', 'reward', 'free'] as const;
const TRUST = ['kyc', 'regulation', 'data', 'ledger'] as const;

export default function Landing() {
  const { partners } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  return (
    <>
      <section className="bg-brand-50">
        <div className="mx-auto max-w-6xl px-4 py-12 sm:py-20">
          <h1 className="max-w-3xl text-3xl leading-tight font-extrabold sm:text-5xl">
            {t('landing.hero.title')}
          </h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-700 sm:text-xl">{t('landing.hero.lead')}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link to={href('/register')} className="button">
              {t('landing.hero.register')}
            </Link>
            <Link to={href('/catalog')} className="button-secondary">
              {t('landing.hero.catalog')}
            </Link>
          </div>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="steps-title">
        <h2 id="steps-title" className="text-2xl font-bold sm:text-3xl">
          {t('landing.steps.title')}
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-3">
          {STEPS.map((step, index) => (
            <li key={step} className="card">
              <p className="flex h-10 w-10 items-center justify-center rounded-full bg-brand-600 text-lg font-bold text-white">
                {index + 1}
              </p>
              <h3 className="mt-3 text-lg font-semibold">{t(`landing.steps.${step}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`landing.steps.${step}.text`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="top-title">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 id="top-title" className="text-2xl font-bold sm:text-3xl">
            {t('landing.top.title')}
          </h2>
          <Link to={href('/catalog')} className="font-semibold text-brand-700 underline">
            {t('landing.top.all')}
          </Link>
        </div>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {partners.map((partner) => (
            <PartnerCard key={partner.slug} partner={partner} />
          ))}
        </ul>
      </section>

      <section className="bg-slate-50" aria-labelledby="trust-title">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="trust-title" className="text-2xl font-bold sm:text-3xl">
            {t('landing.trust.title')}
          </h2>
          <ul className="mt-6 grid gap-4 md:grid-cols-2">
            {TRUST.map((item) => (
              <li key={item} className="card">
                <h3 className="text-lg font-semibold">{t(`landing.trust.${item}.title`)}</h3>
                <p className="mt-2 text-slate-700">{t(`landing.trust.${item}.text`)}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12 text-center" aria-labelledby="cta-title">
        <h2 id="cta-title" className="text-2xl font-bold sm:text-3xl">
          {t('landing.cta.title')}
        </h2>
        <p className="mx-auto mt-3 max-w-2xl text-lg text-slate-700">{t('landing.cta.text')}</p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <Link to={href('/register')} className="button">
            {t('landing.cta.register')}
          </Link>
          <Link to={href('/extension')} className="button-secondary">
            {t('landing.cta.extension')}
          </Link>
        </div>
      </section>
    </>
  );
}
