import type { AppLoadContext } from 'react-router';
import { loadFromApi } from '../../api/api.server.ts';
import type { Category, PartnerPage } from '../../catalog/catalog-api.ts';
import { LEGAL_DOCUMENTS } from '../../content/legal/legal-documents.ts';
import { LOCALES } from '../../i18n/locales.ts';
import type { LoaderArgs } from '../../route-args.ts';

const STATIC_PAGES = [
  '',
  '/catalog',
  '/extension',
  '/help',
  ...LEGAL_DOCUMENTS.map((doc) => `/legal/${doc}`),
];
const PAGE_SIZE = 50;
/** A runaway cursor must not loop forever: 50 000 partners is far beyond any catalog. */
const MAX_PAGES = 1000;

const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

async function activePartnerSlugs(context: AppLoadContext): Promise<string[]> {
  const slugs: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await loadFromApi<PartnerPage>(context, context.defaultLocale, '/v1/catalog/partners', {
      sort: 'name',
      limit: PAGE_SIZE,
      cursor,
    });
    for (const partner of result.items) if (partner.status === 'active') slugs.push(partner.slug);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return slugs;
}

/** One <url> per page and language, each listing all its language versions (hreflang in sitemaps). */
function urlEntry(origin: string, path: string): string {
  const alternates = [
    ...LOCALES.map(
      (locale) =>
        `<xhtml:link rel="alternate" hreflang="${locale}" href="${escapeXml(`${origin}/${locale}${path}`)}"/>`,
    ),
    `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(`${origin}${path || '/'}`)}"/>`,
  ].join('');
  return LOCALES.map(
    (locale) => `<url><loc>${escapeXml(`${origin}/${locale}${path}`)}</loc>${alternates}</url>`,
  ).join('\n');
}

/** `/sitemap.xml`: every public page and every active partner, in every language. */
export async function loader({ context }: LoaderArgs) {
  const [categories, slugs] = await Promise.all([
    loadFromApi<{ items: Category[] }>(context, context.defaultLocale, '/v1/catalog/categories'),
    activePartnerSlugs(context),
  ]);
  const paths = [
    ...STATIC_PAGES,
    ...categories.items.map((category) => `/catalog?category=${category.slug}`),
    ...slugs.map((slug) => `/partners/${slug}`),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...paths.map((path) => urlEntry(context.origin, path)),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
