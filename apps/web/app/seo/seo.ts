import type { MetaDescriptor } from 'react-router';
import { LOCALES, type Locale } from '../i18n/locales.ts';

/** What a page says about itself to search engines and link previews. */
export interface PageSeo {
  readonly title: string;
  readonly description: string;
  /** The page's path after the language, with the query that makes it a distinct page: `/catalog?category=travel`. */
  readonly path: string;
  /** Pages of one person (sign-in, cabinet) are not for search engines. */
  readonly noindex?: boolean;
  readonly jsonLd?: readonly object[];
  readonly image?: string;
  readonly type?: 'website' | 'article';
}

const OPEN_GRAPH_LOCALES: Readonly<Record<Locale, string>> = { ru: 'ru_RU', kk: 'kk_KZ', en: 'en_US' };
export const SITE_NAME = 'Sauda';

export const localizedUrl = (origin: string, locale: Locale, path: string): string =>
  `${origin}/${locale}${path}`;

/** Title, description, canonical URL, hreflang alternates, Open Graph and JSON-LD of one page. */
export function seoMeta(seo: PageSeo, site: { origin: string; locale: Locale }): MetaDescriptor[] {
  const canonical = localizedUrl(site.origin, site.locale, seo.path);
  const title = `${seo.title} — ${SITE_NAME}`;
  const meta: MetaDescriptor[] = [
    { title },
    { name: 'description', content: seo.description },
    { tagName: 'link', rel: 'canonical', href: canonical },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:type', content: seo.type ?? 'website' },
    { property: 'og:title', content: seo.title },
    { property: 'og:description', content: seo.description },
    { property: 'og:url', content: canonical },
    { property: 'og:image', content: seo.image ?? `${site.origin}/og-image.png` },
    { property: 'og:locale', content: OPEN_GRAPH_LOCALES[site.locale] },
    ...LOCALES.filter((locale) => locale !== site.locale).map((locale) => ({
      property: 'og:locale:alternate',
      content: OPEN_GRAPH_LOCALES[locale],
    })),
    { name: 'twitter:card', content: 'summary_large_image' },
  ];
  if (seo.noindex) {
    meta.push({ name: 'robots', content: 'noindex, nofollow' });
  } else {
    for (const locale of LOCALES) {
      meta.push({
        tagName: 'link',
        rel: 'alternate',
        hrefLang: locale,
        href: localizedUrl(site.origin, locale, seo.path),
      });
    }
    // The language-less URL redirects each visitor to their language: the right x-default.
    meta.push({
      tagName: 'link',
      rel: 'alternate',
      hrefLang: 'x-default',
      href: `${site.origin}${seo.path || '/'}`,
    });
  }
  for (const item of seo.jsonLd ?? []) meta.push({ 'script:ld+json': item });
  return meta;
}

/** For a route's `meta`: its loader's `seo` with the root's origin and language. */
export function pageMeta(
  seo: PageSeo | undefined,
  matches: readonly ({ id: string; data?: unknown } | undefined)[],
): MetaDescriptor[] {
  const root = matches.find((match) => match?.id === 'root')?.data as
    { origin: string; locale: Locale } | undefined;
  if (!seo || !root) return [];
  return seoMeta(seo, root);
}

export const breadcrumbs = (items: readonly { name: string; url: string }[]): object => ({
  '@context': 'https://schema.org',
  '@type': 'BreadcrumbList',
  itemListElement: items.map((item, index) => ({
    '@type': 'ListItem',
    position: index + 1,
    name: item.name,
    item: item.url,
  })),
});
