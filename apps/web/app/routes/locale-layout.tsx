import { useTranslation } from 'react-i18next';
import { data, isRouteErrorResponse, Outlet, redirect } from 'react-router';
import { WEB_SECTIONS } from '../../src/web-paths.ts';
import { ErrorPage } from '../components/error-page.tsx';
import { SiteFooter } from '../components/site-footer.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { isLocale } from '../i18n/locales.ts';
import { preferredLocale } from '../i18n/preferred-locale.ts';
import { useRootData } from '../root.tsx';
import type { LoaderArgs } from '../route-args.ts';

/** `/catalog` (no language) → `/ru/catalog` in the visitor's language; unknown first segments are 404. */
export function loader({ params, request, context }: LoaderArgs) {
  if (isLocale(params.lang)) return null;
  if ((WEB_SECTIONS as readonly string[]).includes(params.lang ?? '')) {
    const url = new URL(request.url);
    const locale = preferredLocale(
      { cookie: request.headers.get('cookie'), acceptLanguage: request.headers.get('accept-language') },
      context.defaultLocale,
    );
    throw redirect(`/${locale}${url.pathname}${url.search}`, {
      headers: { Vary: 'Accept-Language, Cookie' },
    });
  }
  throw data(null, { status: 404 });
}

function Chrome({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const { t } = useTranslation();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
      >
        {t('nav.skipToContent')}
      </a>
      <SiteHeader viewer={root?.viewer ?? null} />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

export default function LocaleLayout() {
  return (
    <Chrome>
      <Outlet />
    </Chrome>
  );
}

export function ErrorBoundary({ error }: { error: unknown }) {
  return (
    <Chrome>
      <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
    </Chrome>
  );
}
