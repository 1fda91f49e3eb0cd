import { data, type AppLoadContext } from 'react-router';
import type { ApiMethod, ApiRequest } from '../../src/load-context.ts';
import type { Locale } from '../i18n/locales.ts';
import { isProblem, toFormProblem, type FormProblem, type Problem } from './problem.ts';

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T; readonly setCookies: readonly string[] }
  | {
      readonly ok: false;
      readonly status: number;
      readonly problem: Problem;
      readonly form: FormProblem;
      readonly setCookies: readonly string[];
    };

export interface CallOptions {
  readonly query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  readonly body?: unknown;
  readonly file?: ApiRequest['file'];
  readonly csrfToken?: string;
  readonly cookie?: string;
}

/** Calls the public API as the page's visitor, in the page's language. */
export async function callApi<T>(
  context: AppLoadContext,
  locale: Locale,
  method: ApiMethod,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const response = await context.api.request({ method, path, locale, ...options });
  if (response.status < 400) {
    return { ok: true, status: response.status, data: response.body as T, setCookies: response.setCookies };
  }
  const problem: Problem = isProblem(response.body)
    ? response.body
    : { type: 'about:blank', title: String(response.status), status: response.status, code: 'HTTP_ERROR' };
  const retryAfter = response.headers['retry-after'];
  return {
    ok: false,
    status: response.status,
    problem,
    form: toFormProblem(problem, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    setCookies: response.setCookies,
  };
}

/**
 * For loaders: the data, or the error page. Not found stays not found; a refusal to sign in sends
 * the visitor to the sign-in page by the caller; anything else is the API's status.
 */
export async function loadFromApi<T>(
  context: AppLoadContext,
  locale: Locale,
  path: string,
  query?: CallOptions['query'],
): Promise<T> {
  const result = await callApi<T>(context, locale, 'GET', path, query ? { query } : {});
  if (result.ok) return result.data;
  throw data({ code: result.problem.code, title: result.problem.title }, { status: result.status });
}

/** Headers that pass the API's Set-Cookie lines on to the browser. */
export function cookieHeaders(...setCookies: readonly (readonly string[])[]): Headers {
  const headers = new Headers();
  for (const line of setCookies.flat()) headers.append('Set-Cookie', line);
  return headers;
}

/**
 * The submitted form. A body that is not a form (a script posting JSON, a truncated upload) is the
 * client's mistake: 400 with the error page, not a server error.
 */
export async function formOf(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
  }
}

/** `name=value; name2=value2` from Set-Cookie lines, to call the API with cookies just issued. */
export function cookiesFrom(setCookies: readonly string[]): string {
  return setCookies
    .map((line) => line.split(';')[0] ?? '')
    .filter(Boolean)
    .join('; ');
}

/** A form field as a trimmed string ('' when absent or a file). */
export function field(form: FormData, name: string): string {
  return text(form, name).trim();
}

/** A form field exactly as typed (passwords keep their spaces); '' when absent or a file. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
