import { data, redirect, type AppLoadContext } from 'react-router';
import type { ApiMethod } from '../../../src/load-context.ts';
import { callApi, type ApiResult, type CallOptions } from '../../api/api.server.ts';
import type { Locale } from '../../i18n/locales.ts';

/** Sign-in page that comes back to the staff page the session ran out on. */
function toSignIn(request: Request, locale: Locale): Response {
  const url = new URL(request.url);
  return redirect(`/${locale}/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
}

/**
 * A staff call: an expired session goes to sign-in; anything else comes back as the API's answer.
 * Refusals (403) stay the API's, so the page can show its reason.
 */
export async function staffCall<T>(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
  method: ApiMethod,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const result = await callApi<T>(context, locale, method, path, options);
  if (!result.ok && result.status === 401) throw toSignIn(request, locale);
  return result;
}

/** For loaders: the data, or the error page with the API's code and title (403 shows why). */
export async function staffLoad<T>(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
  path: string,
  query?: CallOptions['query'],
): Promise<T> {
  const result = await staffCall<T>(request, context, locale, 'GET', path, query ? { query } : {});
  if (result.ok) return result.data;
  throw data({ code: result.problem.code, title: result.problem.title }, { status: result.status });
}
