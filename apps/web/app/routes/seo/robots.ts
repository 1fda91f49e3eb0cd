import { LOCALES } from '../../i18n/locales.ts';
import type { LoaderArgs } from '../../route-args.ts';

/** `/robots.txt`: the public site is open; personal pages, the API and redirects are not for crawlers. */
export function loader({ context }: LoaderArgs) {
  const lines = [
    'User-agent: *',
    'Allow: /',
    ...LOCALES.map((locale) => `Disallow: /${locale}/account`),
    'Disallow: /v1/',
    'Disallow: /go/',
    'Disallow: /l/',
    'Disallow: /dev/',
    'Disallow: /docs',
    '',
    `Sitemap: ${context.origin}/sitemap.xml`,
    '',
  ];
  return new Response(lines.join('\n'), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
