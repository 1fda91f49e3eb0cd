import { useTranslation } from 'react-i18next';
import { useLoaderData, type MetaFunction } from 'react-router';
import {
  BROWSERS,
  browserOf,
  isMobileAgent,
  STORE_LINKS,
  type Browser,
} from '../../content/extension-stores.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { localizedUrl, pageMeta, SITE_NAME } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

const BROWSER_NAMES: Readonly<Record<Browser, string>> = {
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  firefox: 'Mozilla Firefox',
  safari: 'Safari',
};
const STEPS = ['step1', 'step2', 'step3', 'step4'] as const;

export function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const userAgent = request.headers.get('user-agent');
  return {
    // Read from the request, so the page is right before any script runs.
    detected: browserOf(userAgent),
    mobile: isMobileAgent(userAgent),
    seo: {
      title: t('extension.seo.title'),
      description: t('extension.seo.description'),
      path: '/extension',
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'SoftwareApplication',
          name: `${SITE_NAME} — ${t('extension.seo.title')}`,
          applicationCategory: 'BrowserApplication',
          operatingSystem: 'Windows, macOS, Linux',
          url: localizedUrl(context.origin, locale, '/extension'),
          offers: { '@type': 'Offer', price: '0', priceCurrency: 'KZT' },
        },
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Extension() {
  const { detected, mobile } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The detected browser first; the others follow for people installing elsewhere.
  const ordered = detected
    ? [detected, ...BROWSERS.filter((browser) => browser !== detected)]
    : [...BROWSERS];
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t('extension.title')}</h1>
      <p className="mt-3 text-lg text-slate-700">{t('extension.lead')}</p>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-slate-700">
        <li>{t('extension.features.notify')}</li>
        <li>{t('extension.features.activate')}</li>
        <li>{t('extension.features.privacy')}</li>
      </ul>

      {mobile && (
        <p className="mt-6 rounded-lg bg-amber-50 p-3 text-amber-900" role="note">
          {t('extension.mobile')}
        </p>
      )}
      {detected && (
        <section className="card mt-6 border-brand-600" aria-labelledby="detected-title">
          <h2 id="detected-title" className="text-xl font-semibold">
            {t('extension.detected', { browser: BROWSER_NAMES[detected] })}
          </h2>
          <a className="button mt-4" href={STORE_LINKS[detected]} rel="noopener">
            {t('extension.install', { browser: BROWSER_NAMES[detected] })}
          </a>
        </section>
      )}

      <h2 className="mt-10 text-2xl font-bold">{t('extension.manual.title')}</h2>
      <p className="mt-2 text-slate-700">{t('extension.manual.lead')}</p>
      <div className="mt-4 space-y-4">
        {ordered.map((browser) => (
          <section key={browser} className="card" aria-labelledby={`steps-${browser}`}>
            <h3 id={`steps-${browser}`} className="text-lg font-semibold">
              {BROWSER_NAMES[browser]}
            </h3>
            <ol className="mt-3 list-decimal space-y-2 pl-6 text-slate-800">
              {STEPS.map((step) => (
                <li key={step}>{t(`extension.manual.${browser}.${step}`)}</li>
              ))}
            </ol>
            <a
              className="mt-4 inline-flex font-semibold text-brand-800 underline"
              href={STORE_LINKS[browser]}
              rel="noopener"
            >
              {t('extension.storeLink', { browser: BROWSER_NAMES[browser] })}
            </a>
          </section>
        ))}
      </div>

      <section className="mt-10" aria-labelledby="signin-title">
        <h2 id="signin-title" className="text-2xl font-bold">
          {t('extension.signIn.title')}
        </h2>
        <p className="mt-2 text-slate-700">{t('extension.signIn.text')}</p>
      </section>
    </div>
  );
}
