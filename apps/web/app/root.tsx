import { useTranslation } from 'react-i18next';
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
  type LinksFunction,
} from 'react-router';
import './load-context.ts';
import stylesheet from './app.css?url';
import { ErrorPage } from './components/error-page.tsx';
import { localeOfPath } from './i18n/locale-of-path.ts';
import { useNonce } from './nonce.ts';
import { cookieHeaders } from './api/api.server.ts';
import { clickContextCookies, csrfTokenOf, loadViewer } from './session/session.server.ts';
import type { LoaderArgs } from './route-args.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** What every page needs: its language, the public origin, and who is signed in. */
export async function loader({ request, context }: LoaderArgs) {
  const locale = localeOfPath(new URL(request.url).pathname) ?? context.defaultLocale;
  const viewer = await loadViewer(request, context, locale);
  const setCookies = viewer ? await clickContextCookies(request, context, locale) : [];
  return data(
    {
      locale,
      origin: context.origin,
      demo: context.demo,
      viewer,
      csrfToken: viewer ? csrfTokenOf(request) : '',
    },
    { headers: cookieHeaders(setCookies) },
  );
}

/** The root's data from any component (undefined while an error page renders without it). */
export const useRootData = () => useRouteLoaderData<typeof loader>('root');

export function Layout({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={i18n.language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#065f46" />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Errors outside the localized layout (it has its own boundary with the site's header and footer). */
export function ErrorBoundary({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <ErrorPage status={status} />;
}
