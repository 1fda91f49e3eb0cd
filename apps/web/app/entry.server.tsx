import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { ServerRouter, type AppLoadContext, type EntryContext, type HandleErrorFunction } from 'react-router';
import { serverI18n } from './i18n/i18n.server.ts';
import { localeOfPath } from './i18n/locale-of-path.ts';
import { cookieValue } from './i18n/preferred-locale.ts';
import { LOCALE_COOKIE } from './i18n/locales.ts';
import { NonceContext } from './nonce.ts';

/** Rendering gives up after this long and sends what it has (the error boundary for the rest). */
export const streamTimeout = 5_000;
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Renders the whole document before sending it (no streaming of pending data), so crawlers and
 * people get the same complete HTML and the status code is final.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const url = new URL(request.url);
  const locale = localeOfPath(url.pathname) ?? loadContext.defaultLocale;
  // A page in a language is the visitor's choice of language: remember it for locale-less links.
  if (localeOfPath(url.pathname) && cookieValue(request.headers.get('cookie'), LOCALE_COOKIE) !== locale) {
    responseHeaders.append(
      'Set-Cookie',
      `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`,
    );
  }
  if (request.method.toUpperCase() === 'HEAD') {
    return Promise.resolve(new Response(null, { status: responseStatusCode, headers: responseHeaders }));
  }
  return new Promise((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.nonce}>
        <I18nextProvider i18n={serverI18n(locale)}>
          <ServerRouter context={routerContext} url={request.url} nonce={loadContext.nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce: loadContext.nonce,
        onAllReady() {
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeout);
              callback();
            },
          });
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          pipe(body);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status }));
        },
        onShellError(error: unknown) {
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          status = 500;
          loadContext.logError(error, 'page rendering failed');
        },
      },
    );
    const timeout = setTimeout(() => {
      abort();
    }, streamTimeout + 1000);
  });
}

/** Errors of loaders and actions go to the server log with the request id, not to the console. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  (context as AppLoadContext).logError(error, 'page loader or action failed');
};
